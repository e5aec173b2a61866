"""Interview analysis: disclosures and their follow-up, distress, vulnerability, question style.

One implementation (:class:`companion.analysis.analyser.Analyser`) drives the live prompts, the
``analyse`` command and the summary. Rules over words and patterns, offline and fast; every flag
carries the words that raised it. It prompts a human; it never scores credibility.
"""
