"""The tally rules (greedy family, Method of Equal Shares)."""
