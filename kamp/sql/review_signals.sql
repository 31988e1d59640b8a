-- The last signals of a list of accounts ($ids) before $end (the day after the as-of date):
-- sales, returns and discounts of the year from $start, complaints of that year, the latest
-- survey score (1–5), the last contact (interactions or the contacts file) and the sponsor.
WITH ids AS (
    SELECT DISTINCT unnest($ids::VARCHAR[]) AS account_id
), tx AS (
    SELECT account_id,
           sum(amount) FILTER (WHERE amount > 0) AS sales,
           -sum(amount) FILTER (WHERE amount < 0) AS returned,
           sum(discount) AS discount
    FROM transactions
    WHERE ts >= $start AND ts < $end AND account_id IN (SELECT account_id FROM ids)
    GROUP BY account_id
), ix AS (
    SELECT account_id,
           count(*) FILTER (WHERE kind = 'complaint' AND ts >= $start) AS complaints_12m,
           arg_max(score, ts) FILTER (WHERE kind = 'survey' AND score IS NOT NULL) AS last_survey_score,
           max(ts) FILTER (WHERE kind = 'survey' AND score IS NOT NULL) AS last_survey_date,
           max(ts) AS last_interaction
    FROM interactions
    WHERE ts < $end AND account_id IN (SELECT account_id FROM ids)
    GROUP BY account_id
), people AS (
    SELECT account_id,
           count(*) AS contacts,
           bool_or(role = 'sponsor') AS has_sponsor,
           max(last_contact) FILTER (WHERE last_contact < $end) AS last_contact
    FROM current_contacts
    WHERE account_id IN (SELECT account_id FROM ids)
    GROUP BY account_id
)
SELECT ids.account_id,
       tx.returned / nullif(tx.sales, 0) AS return_share,
       tx.discount / nullif(tx.sales + coalesce(tx.discount, 0), 0) AS discount_share,
       coalesce(ix.complaints_12m, 0) AS complaints_12m,
       ix.last_survey_score,
       ix.last_survey_date,
       greatest(ix.last_interaction, people.last_contact) AS last_contact,
       coalesce(people.has_sponsor, false) AS has_sponsor,
       coalesce(people.contacts, 0) AS contacts
FROM ids
LEFT JOIN tx USING (account_id)
LEFT JOIN ix USING (account_id)
LEFT JOIN people USING (account_id)
