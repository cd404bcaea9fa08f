"""Which concepts are interventions: something done or given (a procedure, an imaging modality or a test, a drug, a
treatment, a device). A figure is given with an intervention or measured after one; it never measures one, so an
extracted claim's outcome is never an intervention (:mod:`calckg.extract.claims`, method 23: "69.2% with
prefabricated insoles" does not measure the insoles, "an odds ratio of 0.38 with aspirin compared with placebo"
does not measure the placebo).

The classes are the ontology's (:data:`INTERVENTION_CLASSES` and their subclasses, read from ontology/ and the
vocabulary files, but not :data:`MEASURED_CLASSES`); a concept of the core or a pack is one when the vocabulary
types it so, a concept of the general vocabulary when its kind's class is one
(:data:`calckg.concept_graph.KIND_CLASSES`).
"""

from __future__ import annotations

from functools import cache

from rdflib import RDF, RDFS, URIRef

from calckg.concept_graph import KIND_CLASSES
from calckg.hierarchy import closure, links
from calckg.lexicon import general_lexicon
from calckg.namespaces import CK, CONCEPT
from calckg.validate import load_ontology
from calckg.vocabulary import shipped_vocabulary

__all__ = ["CHARACTERISTIC_CLASSES", "INTERVENTION_CLASSES", "MEASURED_CLASSES", "SUBSTANCE_CLASSES", "can_be_dosed",
           "is_characteristic", "is_intervention", "is_measured"]

INTERVENTION_CLASSES = frozenset({CK.Procedure, CK.Drug, CK.Treatment, CK.MedicalDevice})
MEASURED_CLASSES = frozenset({CK.LaboratoryTest})
"""Procedures whose concept names what they measure: "HbA1c fell by 0.7%", "an eGFR below 30" measure the HbA1c
and the eGFR (a laboratory test of the core stands for its result)."""


CHARACTERISTIC_CLASSES = frozenset({CK.PatientCharacteristic})
"""What a person is, not what is done or found: a time written with one is its value ("age over 65 years")."""
SUBSTANCE_CLASSES = frozenset({CK.ChemicalSubstance})
"""What a dose is of besides a drug: "propranolol 80 mg" (DrugBank's open data files some drugs as substances),
"800 IU of vitamin D"."""


@cache
def _classes(top: frozenset[URIRef], but: frozenset[URIRef] = frozenset()) -> frozenset[URIRef]:
    """The classes `top` and every class below them, but `but` and theirs."""
    above = closure(links(load_ontology(), RDFS.subClassOf), reflexive=True)
    return frozenset(c for c, up in above.items() if up & top and not up & but)


@cache
def _typed(classes: frozenset[URIRef]) -> frozenset[URIRef]:
    """The core and pack concepts typed with one of `classes`."""
    vocabulary = shipped_vocabulary()
    return frozenset(s for s, kind in vocabulary.subject_objects(RDF.type) if isinstance(s, URIRef) and kind in classes)


def _of_class(concept: URIRef, classes: frozenset[URIRef]) -> bool:
    if concept in _typed(classes):
        return True
    lexicon = general_lexicon()
    return concept in lexicon and KIND_CLASSES[lexicon.concept(str(concept)[len(CONCEPT) :]).kind] in classes


@cache
def is_intervention(concept: URIRef) -> bool:
    return _of_class(concept, _classes(INTERVENTION_CLASSES, MEASURED_CLASSES))


@cache
def can_be_dosed(concept: URIRef) -> bool:
    """An intervention or a substance: what a dose in a dose unit may be of."""
    return is_intervention(concept) or _of_class(concept, _classes(SUBSTANCE_CLASSES))


@cache
def is_measured(concept: URIRef) -> bool:
    """A test whose concept names what it measures (MEASURED_CLASSES): "an ACR of 3 mg/mmol" is an ACR result."""
    return _of_class(concept, _classes(MEASURED_CLASSES))


@cache
def is_characteristic(concept: URIRef) -> bool:
    """A patient characteristic (CHARACTERISTIC_CLASSES: age, menopausal status)."""
    return _of_class(concept, _classes(CHARACTERISTIC_CLASSES))
