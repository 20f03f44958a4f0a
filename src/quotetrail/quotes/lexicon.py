"""The words that report speech: cues, and the verbs, nouns and adjectives whose
complements are what someone said, meant or held. Written as classes (saying, judging,
directing, perceiving, manner of speaking), not copied from any one corpus; lemmas
throughout, matched with ``attribution.lemma_in``."""

# Verbs that report speech or thought, the cues of attribution ("said", "warned", "cited").
CUE_LEMMAS = frozenset(
    """accuse acknowledge add admit affirm agree allege announce answer applaud argue
    articulate ask assert attack believe blame blast boast brag call caution characterize
    charge cite claim comment complain concede conclude condemn confirm contend continue
    convey counter criticise criticize declare decry defend demand denounce deny describe
    disagree disclose discover dismiss dispute dub echo emphasise emphasize estimate expect
    explain express fear feel find hear highlight hint hope indicate inform insist joke know
    label lament learn liken maintain mention note observe pledge point post praise predict
    promise propose question quip read recall recommend recount refute reiterate reject
    remark repeat reply report respond retort reveal say see show signal slam state stress
    suggest tell testify thank think threaten tweet underline urge vow warn welcome wonder
    worry write""".split()
)
# Verbs of the manner of speaking ("chanted “…”", "shouted that …").
CUE_LEMMAS |= frozenset("chant shout yell scream whisper mutter exclaim holler cry".split())
# Verbs of putting words in writing ("typed “…” in the box", "scrawled “…”").
CUE_LEMMAS |= frozenset("type scrawl jot scribble inscribe".split())
# Verbs that name or judge something ("called him a genius", "described her as a
# disgrace"): the object with its predicate is what was said.
NAMING_VERBS = frozenset("""call label dub brand term deem rate describe characterize
    characterise portray depict paint cast view consider regard declare see perceive""".split())
CUE_LEMMAS |= NAMING_VERBS
# Verbs whose infinitive complement is what was said ("urged them to act", "implored
# her to stay"); not verbs of letting ("allowed the law to expire"), which say nothing.
TO_VERBS = frozenset("""urge vow pledge promise threaten ask call demand warn tell advise
    encourage invite order decline refuse agree offer propose implore beg persuade convince
    pressure challenge dare remind instruct direct press push authorize authorise
    forbid exhort entreat beseech""".split())
# Verbs of intent, reported only with what is intended ("wants to triple the program").
INTENT_VERBS = frozenset("want plan seek intend aim hope expect".split())
# Verbs whose prepositional object is what was said or thought about ("called for
# sanctions", "railed against the banks", "wondered about his health").
TOPIC_VERBS = frozenset("""call ask push argue warn talk speak complain boast write comment
    testify campaign press lobby appeal plead hint joke reflect elaborate insist dwell harp
    focus weigh object allude refer react respond scoff balk marvel bristle rail fight pray
    apologize apologise brag worry care muse opine rant wonder think know hear learn
    read""".split())
TOPIC_PREPS = frozenset("for about against of on toward towards".split())
# Verbs whose object is what was said ("cited the polls", "criticized the veto",
# "outlined his plan").
OBJECT_VERBS = frozenset("""cite blast slam question deny dispute reject dismiss announce
    reveal disclose report describe characterize mention highlight express convey applaud
    welcome denounce condemn decry lament predict propose recommend demand suggest
    acknowledge admit confirm show find indicate discuss echo offer promote ridicule tout
    signal voice explain repeat reiterate recount articulate outline detail unveil recite
    state restate underline note urge want encourage order""".split())
# Verbs of judging, advocating, weighing and feeling about something, whose object is the
# position taken ("downplayed the risks", "championed the bill", "resented the ruling").
ATTITUDE_VERBS = frozenset("""advocate champion favor favour embrace resist contest challenge
    doubt downplay ignore recognize recognise underscore emphasize emphasise stress clarify
    proclaim herald hail laud deride disparage bemoan deplore regret resent admire
    appreciate respect love like hate despise dislike fear prefer examine scrutinize
    scrutinise assess evaluate review study investigate probe debate weigh consider
    contemplate understand assume accept""".split())
# Nouns of saying, thinking and perceiving whose that-clause is what was said or held
# ("her claim that …", "a recognition that …", "rumours that …").
SPEECH_NOUNS = frozenset("""claim conclusion warning statement assertion argument belief view
    suggestion allegation accusation insistence remark comment announcement promise pledge
    vow fear hope suspicion concern notion report finding prediction message assurance
    admission denial threat demand proposal contention complaint opinion estimate
    acknowledgment recommendation assessment testimony recognition realization
    understanding sense feeling worry expectation assumption perception impression thought
    theory rumor rumour speculation news word sign indication evidence proof idea""".split())
# Nouns of intent whose infinitive is what someone means to do ("her decision to …").
INTENT_NOUNS = frozenset("""decision plan effort bid attempt push call promise pledge vow
    threat determination intention intent idea proposal offer refusal willingness desire
    wish goal aim commitment""".split())
# Nouns of saying or stance that a verb puts forward, whose topic is what was said
# ("raised questions about the audit", "made the case for Doe", "voiced support for").
LIGHT_NOUNS = frozenset("""question illusion case condemnation secret debate discussion
    virtue doubt agreement motion concern criticism praise opposition attack
    objection reservation misgiving complaint warning fear hope call appeal plea request
    demand commitment""".split())
# Nouns of a side taken ("voiced support for the plan"): a word class the content model
# reads (``learned.CLASSES``); the object of a reporting verb is read whole.
SIDE_NOUNS = frozenset("support backing endorsement".split())
# Verbs whose subject takes what others say ("faced questions", "drew criticism").
RECEIVING_VERBS = frozenset("face receive field answer get draw attract".split())
# Verbs of voicing or holding a claim, hope or idea, whose subject holds it ("raised the
# concern that …", "shares the belief that …", "clings to the hope that …"); not verbs of
# weighing or rejecting one ("mocked the idea that …"), whose subject may not hold it.
HOLDING_VERBS = frozenset("""raise express voice air repeat reiterate restate renew reaffirm
    make offer float share hold harbor harbour have advance pose put echo stress emphasize
    emphasise underline push press state keep cling stick""".split())
# Verbs taking a side, or pointing at something, whose object is the position or the
# thing pointed at even when it is only a name ("endorsed Jane Doe", "mentioned Doe").
STANCE_VERBS = frozenset("""endorse support back oppose attack criticize criticise accuse
    blame praise defend mock thank mention cite reference invoke""".split())
# Verbs of blame and credit, whose "of/for/with" object is the charge ("accused her of
# lying", "praised them for acting", "was charged with fraud"), not the person charged.
CHARGE_VERBS = frozenset("""accuse charge blame fault criticize criticise praise credit commend
    thank condemn attack slam blast chastise scold rebuke castigate lambast lambaste
    applaud hail laud congratulate apologize apologise sue""".split())
CHARGE_PREPS = frozenset("of for with".split())
# Adjectives of attitude whose clause is what someone holds ("confident that …").
ATTITUDE_ADJECTIVES = frozenset("""determined willing eager afraid confident worried concerned
    sure certain convinced hopeful optimistic skeptical sceptical wary reluctant ready happy
    glad proud sorry aware adamant insistent unwilling unsure""".split())
ATTITUDE_PREPS = frozenset("about of on to with over in".split())
# Adjectives that present a claim as evident ("it is clear that …").
EVIDENT_ADJECTIVES = frozenset("clear obvious apparent evident undeniable".split())
# Findings that speak for their makers ("In the latest poll, Doe leads by five points").
SOURCE_NOUNS = frozenset("""poll polls survey surveys study studies report analysis estimate
    estimates forecast projection projections assessment review audit ruling filing
    complaint indictment lawsuit""".split())
# Rubrics that open a line with a colon like a speaker's label but name no one
# ("Correction: an earlier version …", "Related: …").
RUBRIC_NOUNS = frozenset("""correction corrections clarification update updates note
    disclosure related advertisement photo photos video caption credit credits source
    sources editor""".split())
# Where something was said, at the end of what was said ("… on Twitter", "… in a
# statement"): the reporter's words, not the speaker's.
MEDIUM_NOUNS = frozenset("""twitter facebook instagram website site statement interview
    email e-mail letter tweet post blog radio television tv show podcast call
    briefing article op-ed column essay speech address memo""".split())
# Works that carry a title, which the marks after "the book," name ("his book, “Make It
# Big,” argues …"; "the documentary, “13th,”").
WORK_NOUNS = frozenset("""book novel memoir biography film movie documentary show series
    episode program programme song anthem album poem play commentary column op-ed essay
    editorial podcast""".split())
