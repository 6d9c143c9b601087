// The read-first summary of a customer on the profile's Account tab: the pinned note, contact,
// default addresses, group and tags, marketing consent per channel with its date, registration
// and activity, and custom fields, each as labelled rows of a <dl> (every row carries the field it
// shows in data-field). Edit, for those who may edit customers, opens the edit form in its place
// (pages/customer.tsx).
import type { ComponentChildren, Ref } from 'preact';
import { countryName } from '../countries';
import { formatDate, formatDateTime, fullName } from '../format';
import { languageName } from '../languages';
import type { Customer } from '../types';
import './profile-summary.css';

interface Props {
  customer: Customer;
  // Opens the edit form; left out for a role that may not edit customers (no Edit button then).
  onEdit?: () => void;
  editRef?: Ref<HTMLButtonElement>;
}

export function ProfileSummary({ customer: c, onEdit, editRef }: Props) {
  const custom = Object.entries(c.custom_fields ?? {});
  return (
    <section class="profile-summary" aria-labelledby="profile-summary-heading">
      <div class="profile-summary__header">
        <h2 id="profile-summary-heading">Details</h2>
        {onEdit && (
          <button type="button" class="button" ref={editRef} onClick={onEdit}>
            Edit
          </button>
        )}
      </div>
      {c.note && (
        <dl class="facts facts--rows profile-summary__pinned">
          <Row field="note" label="Pinned note">
            <span class="profile-summary__text">{c.note}</span>
          </Row>
        </dl>
      )}
      <div class="profile-summary__groups">
        <Group title="Contact">
          <Row field="full_name" label="Name">
            {fullName(c.first_name, c.last_name) || '—'}
          </Row>
          <Row field="email" label="E-mail">
            {c.email || '—'}
          </Row>
          <Row field="phone" label="Phone">
            {c.phone || '—'}
          </Row>
          <Row field="company" label="Company">
            {c.company || '—'}
          </Row>
          <Row field="language" label="Language">
            {c.language ? languageName(c.language) || c.language : '—'}
          </Row>
          {c.country && (
            <Row field="country" label="Country">
              {countryName(c.country) || c.country}
            </Row>
          )}
          {c.fax && (
            <Row field="fax" label="Fax">
              {c.fax}
            </Row>
          )}
        </Group>

        <Group title="Default addresses">
          <Row field="billing_address" label="Billing">
            {c.billing_address_summary || 'None'}
          </Row>
          <Row field="shipping_address" label="Shipping">
            {shippingText(c)}
          </Row>
        </Group>

        <Group title="Group and tags">
          <Row field="group" label="Group">
            {c.group_name || '—'}
          </Row>
          <Row field="tags" label="Tags">
            {c.tags.length ? (
              <span class="tags">
                {c.tags.map((t) => (
                  <span class="tag" key={t}>
                    {t}
                  </span>
                ))}
              </span>
            ) : (
              'None'
            )}
          </Row>
          {c.commission_reduced_percent !== 0 && (
            <Row field="commission_reduced_percent" label="Commission reduced">
              {c.commission_reduced_percent}%
            </Row>
          )}
          {(c.library_all_access || c.member_directory_access) && (
            <Row field="access" label="Access">
              {[
                c.library_all_access ? 'Library: everything' : '',
                c.member_directory_access ? 'Member directory' : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Row>
          )}
        </Group>

        <Group title="Marketing consent">
          <Row field="email_marketing_consent" label="E-mail">
            <Consent given={c.email_marketing_consent} at={c.email_marketing_consent_at} />
          </Row>
          <Row field="sms_marketing_consent" label="SMS">
            <Consent given={c.sms_marketing_consent} at={c.sms_marketing_consent_at} />
          </Row>
          <Row field="messenger_marketing_consent" label="Messenger">
            <Consent given={c.messenger_marketing_consent} at={c.messenger_marketing_consent_at} />
          </Row>
        </Group>

        <Group title="Registration and activity">
          <Row field="id" label="Customer id">
            <code>{c.id}</code>
          </Row>
          <Row field="kind" label="Kind">
            {c.kind === 'guest' ? 'Guest' : 'Registered account'}
          </Row>
          <Row field="registered_at" label="Registered">
            {formatDateTime(c.registered_at)}
            {c.registration_ip && <span class="muted"> from {c.registration_ip}</span>}
          </Row>
          <Row field="last_login_at" label="Last sign-in">
            {formatDateTime(c.last_login_at)}
            {c.last_login_at && c.last_login_ip && (
              <span class="muted"> from {c.last_login_ip}</span>
            )}
          </Row>
          <Row field="last_activity_at" label="Last activity">
            {formatDateTime(c.last_activity_at)}
          </Row>
          <Row field="updated_at" label="Last update">
            {formatDateTime(c.updated_at)}
          </Row>
        </Group>

        {custom.length > 0 && (
          <Group title="Custom fields">
            {custom.map(([key, value]) => (
              <Row key={key} field={`custom_fields.${key}`} label={key}>
                {value || '—'}
              </Row>
            ))}
          </Group>
        )}
      </div>
    </section>
  );
}

function Group(props: { title: string; children: ComponentChildren }) {
  return (
    <div class="profile-summary__group">
      <h3>{props.title}</h3>
      <dl class="facts facts--rows">{props.children}</dl>
    </div>
  );
}

function Row(props: { field: string; label: string; children: ComponentChildren }) {
  return (
    <div data-field={props.field}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

// Where orders ship by default: said as "Same as billing" when that is the billing address.
function shippingText(c: Customer): string {
  const billing = c.billing_address_summary;
  const shipping = c.shipping_address_summary;
  if (c.shipping_same_as_billing && billing) return 'Same as billing';
  const sameAddress =
    !!c.default_shipping_address && c.default_shipping_address.id === c.default_billing_address?.id;
  if (sameAddress && billing) return 'Same as billing';
  return shipping || 'None';
}

// A channel's consent as a status, with the day it was given ("since") or withdrawn when known.
function Consent({ given, at }: { given: boolean; at: string | null | undefined }) {
  return (
    <>
      <span class={`badge badge--consent ${given ? 'badge--active' : 'badge--inactive'}`}>
        {given ? 'Subscribed' : 'Not subscribed'}
      </span>
      {at && (
        <span class="muted">
          {' '}
          · {given ? 'since' : 'withdrawn'} <time dateTime={at}>{formatDate(at)}</time>
        </span>
      )}
    </>
  );
}
