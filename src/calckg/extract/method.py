"""The prov:Activity that generates every extracted claim: the figure-extraction method's version and what it does
(calckg.extract.claims). A change to what the extractor reads off a sentence is a new version."""

from __future__ import annotations

from rdflib import URIRef

__all__ = ["ACTIVITY", "METHOD_DESCRIPTION", "METHOD_VERSION"]

METHOD_VERSION = "48"
ACTIVITY = URIRef(f"https://w3id.org/calckg/activity/figure-extraction/{METHOD_VERSION}")
METHOD_DESCRIPTION = (
    "Each figure of a statement becomes a claim: subject = the concept the figure belongs to by its words (right "
    "before it and its hedge, a drug's route or salt between, or its arm right after it or after the next rate joined"
    " to it by 'and', or the drug a duration is a course of; a dose's time, next dose or figure in its unit, its "
    "drug's; a ratio in a sentence of two arms' rates, the first arm against the second), else first concept before "
    "the figure in its clause (else in its sentence), object = concept nearest the figure (for an arm's figure, the "
    "nearest before it that is no arm of the statement's figures; for a dose, or a figure a dose passes its drug to, "
    "with none, its own drug; only a concept written in the figure's clause, the sentence's head (an opening phrase, "
    "a label before a colon), the lead-in or right before the relative clause that states the figure (its antecedent,"
    " also its subject when the clause names none before the figure), else the subject itself; a concept after the "
    "figure only where it stands in the part of the figure's clause that states it, not in a condition or another "
    "clause; a statement naming no such concept is read under the article's title: its concepts, no outcome; a "
    "concept written right after an exclusion word of data/claim-cues.json, 'adults without diabetes', is a condition"
    " a group lacks and neither, unless a copula stands before the word or nothing else is named); a measure of the "
    "vocabulary (ck:Measure: sensitivity, mortality, prevalence …) is no subject or object when the statement names "
    "another concept: it is the outcome of the figure it stands nearest before in the figure's clause with no "
    "quantity in another unit between (else of the figure written right before it, as in '79% sensitivity'), a "
    "confidence interval's outcome is its estimate's, a count or a duration has none; without a measure the outcome "
    "is the object unless that is an intervention (a procedure, test, drug, treatment or device: no outcome then), "
    "the figure no study's size (a trial's participants, a review's trials) and the object not written in the "
    "figure's population ('5% of people with cellulitis' does not measure cellulitis) nor after the figure and at "
    "most a word before a later result ('by 21% … and heart failure by 64%': heart failure is the 64%'s) nor a "
    "concept a dose is written for in the statement ('penicillin V 800 mg') nor written outside the figure's clause "
    "(a figure of the opening phrase is read with the whole sentence); a dose of a drug or substance and a "
    "preparation's strength measure nothing (no outcome); without an outcome concept, what a change written right "
    "before the figure changes is its outcome in words (ck:outcomeText: 'reduced the weekly itch severity score by "
    "9.8 points'); a statement naming measures only is read under the article's title; population text only where a "
    "population cue (also with a sample size: 'of 513 women with') is followed by a phrase of at most eight words "
    "that ends with a concept, at punctuation or an end word (one inside a range of severity, 'moderate to severe', "
    "is part of the phrase), and is no relative clause or trial arm, or an age-bounded group is named, with such a "
    "phrase after it (the figure's own, else the statement's only one, unless the figure is of another group, follows"
    " a group word or the population follows another figure at once), values from the figure, p-value from the same "
    "statement and its part of it (not across a clause connector; not for a count, a duration, a p-value, a dose, a "
    "preparation's strength or a bound, which sets a target or criterion; with one p-value after two results each "
    "closed by a confidence interval, the last result's only; one in the parentheses that close a result, no figure's"
    " after them and a continuation word such as 'and'; a p-value a result carries is one of that result's statistics"
    " and no claim of its own), polarity from negation cues in the figure's clause (not in the first words of a "
    "relative clause on people; a 'rather than' before the figure only when no comma or number closes its phrase "
    "first), hedge: the figure's own qualifier unless a qualifier prefix alone ('only 80%' stresses; a bound one, 'up"
    " to', only when no hedge cue of its clause stands before it; an approximation, 'about', with the clause's other "
    "hedge before it: 'may, about'), else hedge cues of that clause, not of a later conjunct ('…, and it is usually "
    "…'), that are no comparator, stand in no comparison ('4 times as likely': data/claim-cues.json) and are written "
    "before no number word read as no figure ('About two thirds of patients'); a conjunct joined by ', and' or ', or'"
    " that names a concept before its figure, after a part of at least four words holding no figure (no list item), "
    "is a clause of its own: the conjuncts before it give its figure no negation, hedge or concept; a figure restated"
    " in another unit by the next one yields no claim of its own."
)
