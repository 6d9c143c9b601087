// The customer area (the shopper's account), served at /account/.
import { render } from 'preact';
import '../src/styles.css';
import './account.css';
import { AccountApp } from './app';

render(<AccountApp />, document.getElementById('app')!);
