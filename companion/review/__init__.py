"""Quality assurance of interviews: the stages a reviewer scores, the figures an interview
contributes (numbers only, never testimony), how interviews are sampled for review, and a
unit's figures with small counts suppressed. Plain Python: no Qt, no database."""
