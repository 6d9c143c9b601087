-- The customer list sorted by e-mail, ascending: customers without an e-mail after every
-- address (descending, the plain e-mail key already puts them last).
CREATE INDEX customers_email_sort ON customers
  ((CASE WHEN email_key = '' THEN '1' ELSE '0' || email_key END));
