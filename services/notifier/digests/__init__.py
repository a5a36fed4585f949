"""Daily and weekly digests of a practice: data, charts, email, PDF and the schedule that sends them."""
