-- The gate, in one place: every path that finishes a suite run (worker, cancel, stall reaper) uses it.
-- pass_rate = passed / (total - cancelled) must be >= threshold.
-- failed: the gate fails even counting every errored run as passed; error: the outcome depends on errored runs.
CREATE OR REPLACE FUNCTION assay_suite_run_verdict(total int, passed int, failed int, errored int, cancelled int, threshold double precision, cancel_requested boolean)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN cancel_requested THEN 'cancelled'
    WHEN total - cancelled <= 0 THEN 'passed'
    WHEN (passed + errored)::float8 / (total - cancelled) < threshold - 1e-9 THEN 'failed'
    WHEN passed::float8 / (total - cancelled) < threshold - 1e-9 THEN 'error'
    ELSE 'passed'
  END
$$;
