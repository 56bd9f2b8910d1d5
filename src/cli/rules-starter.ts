/**
 * What `advise rules init` writes: a layer over the built-in rules with one commented example of each kind of
 * change (each valid once uncommented), and a scenario file that passes with it. The ids it names are the
 * built-in rules' own; a test validates both files, and each example uncommented, so they cannot go stale.
 */
export const STARTER_LAYER = `# yaml-language-server: $schema=./node_modules/advise/schema/rules-layer.schema.json
#
# Your organisation's rules, layered over the built-in ones: name only what changes. Items of every list with ids
# (approaches, dimensions and their values, rules, warnings, variants, combinations, plan steps, sources) merge
# by id. Check it with \`advise rules validate FILE\`; see docs/rules.md for the whole language.
extends: default

# --- A new question (becomes --data-residency, a profile key and an interactive question) ---
# dimensions:
#   - id: data-residency
#     type: enum
#     question: "Must the data stay in the EU?"
#     values:
#       - { id: eu-only, label: EU only, meaning: "Data may not leave EU data centres." }
#       - { id: anywhere, label: Anywhere, meaning: "No residency constraint." }

# --- A new value for an existing question ---
# dimensions:
#   - id: deployment
#     values:
#       - { id: internal-gateway, label: Internal AI gateway, meaning: "Our approved gateway; no fine-tuning." }

# --- A change to an approach: name the id and the fields that change ---
# approaches:
#   - id: fine-tuning
#     cost: "Internal rate: about $2,000 per managed fine-tuning run."

# --- A new rule: when (a condition), effects (-5 to 5 per approach, see "Weights") or exclude, because ---
# rules:
#   - id: strict-latency-prefers-prompting
#     when: { dim: latency, is: strict }
#     effects: { icl: 1 }
#     because: "Our latency budget leaves no room for a retrieval round trip."

# --- A rule's condition replaced (a when is replaced whole), and a range in one leaf ---
# rules:
#   - id: small-corpus-fits-in-prompt
#     when: { dim: corpus-tokens, gt: 0, lt: 100k }

# --- A rule switched off (disabled works on every list with ids, and on sources) ---
# rules:
#   - id: small-corpus-fits-in-prompt
#     disabled: true

# --- A new warning ---
# warnings:
#   - id: review-board
#     when: { dim: data-sensitivity, in: [confidential, regulated] }
#     message: "Confidential or regulated data: book a review with the AI review board before launch."

# --- A variant tried before the built-in ones (the first that matches wins) ---
# variants:
#   - id: internal-search
#     approach: rag
#     label: RAG on the internal search platform
#     when: { dim: retrieval-infra, is: existing }
#     because: "The platform team runs search for every project."
#     before: managed-rag-service

# --- A plan step of your own, and an inherited one switched off ---
# plan:
#   - id: register-project
#     step: "Register the project in the AI inventory."
#     before: evals-first
#   - id: stronger-model-first
#     disabled: true

# --- A source to cite: add sources: [internal-policy] to any item above ---
# sources:
#   internal-policy: { title: "Our AI usage policy", url: "https://intranet.example.com/ai-policy" }
`;

/** The scenario file written beside the layer: profiles and the advice expected for them. */
export const STARTER_SCENARIOS = `# Scenarios for your rules: each profile and the advice you expect for it.
# Run them with \`advise rules test SCENARIOS --rules RULES\`; add one whenever you change a rule.
scenarios:
  - id: fast-changing-facts-need-retrieval
    description: "A large, frequently changing knowledge base is looked up at question time."
    profile: { need: knowledge, knowledge-freshness: frequent, corpus-tokens: 5m }
    expect:
      top: rag
  - id: costly-errors-need-review
    profile: { need: knowledge, knowledge-freshness: frequent, corpus-tokens: 5m, error-cost: high }
    expect:
      top: rag
      warnings: [human-review-required]
`;
