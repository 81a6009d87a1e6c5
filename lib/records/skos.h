/* The glossary as a W3C SKOS concept scheme in Turtle, for other vocabulary tools.
 *
 * Each definition record becomes a skos:Concept whose IRI is the base IRI followed by the
 * record's id; the scheme's IRI is the base IRI itself. Fields map to SKOS (and Dublin Core)
 * properties: term → skos:prefLabel, alt_labels → skos:altLabel, hidden_labels →
 * skos:hiddenLabel, definition → skos:definition, scope_note → skos:scopeNote, notes →
 * skos:editorialNote, source → dct:source, broader/narrower/related → skos:broader/narrower/
 * related (concept IRIs). A concept without broader concepts is a top concept of the scheme. */
#ifndef TIP_SKOS_H
#define TIP_SKOS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "snapshot.h"

#define TIP_SKOS_BASE "urn:tip:definition:"

typedef struct tip_skos_opts {
	const char *base;      /* absolute IRI; NULL = TIP_SKOS_BASE */
	const char *lang;      /* the language tag of every text (BCP 47, "en"); NULL = "en" */
	const char *title;     /* the scheme's dct:title; NULL = "Glossary" */
	bool include_personal; /* fields marked x-tip-personal too */
} tip_skos_opts;

/* NULL when iri can stand in Turtle as an absolute IRI (a scheme, then no spaces, control
 * characters or any of <>"{}|^`\), else an error saying why. */
tip_error *tip_skos_check_iri(const char *iri);

/* NULL when tag is a language tag Turtle accepts (letters, then -letters-or-digits groups). */
tip_error *tip_skos_check_lang(const char *tag);

/* Appends the Turtle document: prefixes, the concept scheme, then a concept per record (all of
 * one type, in the order given; records that did not load are left out). */
tip_error *tip_skos_turtle(tip_buf *out, const tip_snapshot_record *const *records, size_t n,
	const tip_skos_opts *opts);

/* Appends text as a Turtle string literal, quotes included ("a \"b\"\n"). */
tip_error *tip_skos_add_string(tip_buf *out, const char *text, size_t len);

#endif
