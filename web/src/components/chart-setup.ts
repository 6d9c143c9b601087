// Chart.js with only the parts the admin's charts use (bars, lines, their two axes, tooltips and
// the legend), so the rest of the library stays out of the bundle. Loaded on first use by
// components/chart.tsx, in a file of its own.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

// The page's own type and text colour (styles.css).
const style = getComputedStyle(document.body);
Chart.defaults.font.family = style.fontFamily;
Chart.defaults.color = style.getPropertyValue('--muted').trim() || '#5b6470';

export { Chart };
