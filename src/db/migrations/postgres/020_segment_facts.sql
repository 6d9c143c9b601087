-- The figures segment filters and insights read most, in one covering index: a count over the
-- whole store reads these narrow entries instead of the customers' wide rows, and the order
-- count leads, as most segments of buyers test it.
CREATE INDEX customers_segment_facts ON customers (orders_count, last_order_at, first_order_at,
  total_spent, last_activity_at, status, kind, group_id, country, language, consent_email,
  consent_sms, consent_messenger, rfm_recency, rfm_frequency, rfm_monetary);
