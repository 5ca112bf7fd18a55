"""Word lists for reading names, titles and roles in news English (written for the project)."""

from __future__ import annotations

from ..lexicon import SHORT_MENTION_HONORIFICS

# Honorifics that belong to a short person mention ("Mr. Kim").
HONORIFICS = SHORT_MENTION_HONORIFICS  # "mr.", "mr", "ms.", "miss", "dr.", "mme" ...: newsgraph.lexicon

# Abbreviated titles written before a name, and what they stand for.
TITLE_ABBREVIATIONS = {
    "sen.": "senator", "rep.": "representative", "gen.": "general", "adm.": "admiral",
    "col.": "colonel", "lt.": "lieutenant", "gov.": "governor", "prof.": "professor",
    "pres.": "president", "amb.": "ambassador", "sec.": "secretary", "cmdr.": "commander",
    "maj.": "major", "capt.": "captain", "sgt.": "sergeant", "lt": "lieutenant", "gen": "general",
    "sen": "senator", "rep": "representative", "amb": "ambassador", "col": "colonel", "adm": "admiral",
    "gov": "governor", "prof": "professor", "sgt": "sergeant", "capt": "captain", "maj": "major",
    "cmdr": "commander",
}

# Words that make the title after them a former one ("a retired army commander").
FORMER_WORDS = {"former", "ex", "ex-", "then", "then-", "retired", "onetime", "one-time", "erstwhile"}

# Heads that describe expertise rather than hold an office when followed by "on"/"in" a topic.
DESCRIPTOR_HEADS = {"specialist", "expert", "observer", "watcher", "authority"}

# Title heads: the noun that ends a title ("foreign minister", "research fellow").
# Multi-word heads are matched first.
TITLE_HEADS = {
    "leader", "supreme leader", "president", "vice president", "prime minister", "premier",
    "chancellor", "minister", "secretary", "secretary of state", "secretary-general",
    "secretary general", "general secretary", "spokesman", "spokeswoman", "spokesperson",
    "press secretary", "official", "officer", "adviser", "advisor", "ambassador", "envoy",
    "diplomat", "senator", "representative", "congressman", "congresswoman", "lawmaker",
    "legislator", "member", "governor", "mayor", "general", "admiral", "commander", "colonel",
    "lieutenant", "marshal", "major", "captain", "sergeant", "chief", "head", "director",
    "chairman", "chairwoman", "chair", "ceo", "executive", "founder", "professor", "analyst",
    "researcher", "fellow", "expert", "specialist", "scholar", "lecturer", "economist",
    "historian", "king", "queen", "prince", "crown prince", "emperor", "pope", "dictator",
    "strongman", "judge", "justice", "prosecutor", "attorney general", "correspondent",
    "reporter", "journalist", "editor", "commentator", "negotiator", "deputy", "aide",
    "chief of staff", "director-general", "director general", "head of state", "dean",
    "president-elect", "foreign minister", "defense minister", "defence minister", "engineer",
    "counterpart", "scientist", "physicist", "attorney", "lawyer", "press officer",
}

# Words that belong to a title when written left of its head ("deputy national security adviser").
TITLE_MODIFIERS = {
    "deputy", "vice", "first", "second", "acting", "interim", "foreign", "defense", "defence",
    "national", "security", "prime", "chief", "senior", "junior", "assistant", "under",
    "principal", "supreme", "top", "unification", "finance", "trade", "interior", "economy",
    "economic", "energy", "intelligence", "military", "nuclear", "justice", "health", "special",
    "presidential", "research", "policy", "press", "army", "navy", "naval", "air", "force",
    "staff", "executive", "managing", "associate", "visiting", "nonresident", "non-resident",
    "regional", "affairs", "home", "agriculture", "science", "education", "culture",
    "transport", "environment", "labor", "labour", "industry", "commerce", "state", "general",
    "lead", "team", "program", "programme", "political", "communications", "spokesman",
    "defense-policy", "development", "international", "european", "asian", "fisheries",
    "emergency", "information", "digital", "legal", "scientific", "crown", "opposition",
    "majority", "minority", "party", "ruling", "lieutenant", "missile", "rear", "brigadier",
    "field", "permanent", "vice-", "cabinet", "parliamentary", "spy", "police", "border", "propaganda", "trade-policy",
}

# Titles whose holder leads the state or organisation named with them.
LEADER_TITLES = {
    "leader", "supreme leader", "president", "prime minister", "premier", "chancellor", "king",
    "queen", "emperor", "dictator", "strongman", "head of state", "president-elect",
    "general secretary",
}
HEAD_TITLES = {
    "head", "chief", "director", "chairman", "chairwoman", "chair", "ceo", "secretary-general",
    "chief executive", "commander", "president and chief executive",
    "secretary general", "director-general", "director general", "founder", "dean",
}
SPOKES_TITLES = {"spokesman", "spokeswoman", "spokesperson", "press secretary"}
MEMBER_TITLES = {
    "senator", "representative", "congressman", "congresswoman", "lawmaker", "legislator", "member",
}

# Sector of a person from the head of their title.
TITLE_SECTORS = {
    "leader": "GOV", "supreme leader": "GOV", "president": "GOV", "vice president": "GOV",
    "prime minister": "GOV", "premier": "GOV", "chancellor": "GOV", "minister": "GOV",
    "secretary": "GOV", "secretary of state": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "spokesperson": "GOV", "press secretary": "GOV", "official": "GOV", "adviser": "GOV",
    "advisor": "GOV", "governor": "GOV", "mayor": "GOV", "king": "GOV", "queen": "GOV",
    "emperor": "GOV", "dictator": "GOV", "strongman": "GOV", "head of state": "GOV",
    "president-elect": "GOV", "aide": "GOV", "chief of staff": "GOV", "foreign minister": "GOV",
    "defense minister": "GOV", "defence minister": "GOV",
    "ambassador": "DIP", "envoy": "DIP", "diplomat": "DIP", "negotiator": "DIP",
    "senator": "LEG", "representative": "LEG", "congressman": "LEG", "congresswoman": "LEG",
    "lawmaker": "LEG", "legislator": "LEG",
    "general": "MIL", "admiral": "MIL", "commander": "MIL", "colonel": "MIL", "lieutenant": "MIL",
    "marshal": "MIL", "major": "MIL", "captain": "MIL", "sergeant": "MIL",
    "judge": "JUD", "justice": "JUD", "prosecutor": "JUD", "attorney general": "JUD",
    "professor": "EDU", "researcher": "EDU", "fellow": "EDU", "scholar": "EDU", "lecturer": "EDU",
    "analyst": "EDU", "expert": "EDU", "specialist": "EDU", "economist": "EDU", "historian": "EDU",
    "dean": "EDU",
    "correspondent": "MED", "reporter": "MED", "journalist": "MED", "editor": "MED",
    "commentator": "MED",
    "ceo": "BUS", "executive": "BUS",
    "pope": "REL",
}

# Keywords in an organisation's name that give its sector.
ORG_SECTOR_WORDS = [
    (("university", "college", "institute", "institution", "center", "centre", "academy",
      "school", "think tank", "foundation", "council on", "studies"), "EDU"),
    (("news", "agency", "times", "post", "journal", "television", "tv", "radio", "broadcasting",
      "press", "tribune", "herald", "gazette"), "MED"),
    (("ministry", "department", "government", "office", "administration", "cabinet",
      "agency for", "commission"), "GOV"),
    (("army", "navy", "air force", "forces", "command", "military", "marines", "guard"), "MIL"),
    (("senate", "house", "parliament", "congress", "assembly", "committee", "party"), "LEG"),
    (("court", "tribunal"), "JUD"),
    (("bank", "corp", "inc", "company", "co.", "group", "ltd", "llc", "holdings"), "BUS"),
    (("church", "mosque", "diocese", "vatican"), "REL"),
]

# Words that end an organisation name; used to tell an ORG from a misread person name.
ORG_WORDS = {
    "university", "college", "institute", "center", "centre", "agency", "ministry", "department",
    "council", "committee", "party", "army", "navy", "force", "forces", "command", "group",
    "bank", "corp", "corporation", "inc", "company", "association", "organization",
    "organisation", "union", "league", "foundation", "school", "academy", "office", "court",
    "times", "post", "news", "service", "commission", "assembly", "parliament", "senate",
    "house", "federation", "fund", "authority", "bureau", "board", "club", "studies", "museum",
}

# Prepositions that make a capital a place rather than its government ("in Seoul").
LOCATIVE_PREPOSITIONS = {
    "in", "at", "into", "near", "inside", "outside", "across", "around", "within", "toward",
    "towards", "throughout", "via", "through",
}
MOTION_WORDS = {
    "travel", "trip", "visit", "fly", "flight", "return", "arrive", "head", "drive", "come", "go",
    "move", "journey", "send", "ship", "deliver", "transfer", "route", "train", "road", "rail",
    "railway", "border", "bring", "take", "depart", "leave", "flee", "defect", "export", "import",
}

# Relative-clause verbs ("who heads X") and the relation they give.
ROLE_VERBS = {
    "head": ("head_of", "head"), "lead": ("head_of", "head"), "run": ("head_of", "head"),
    "direct": ("head_of", "director"), "chair": ("head_of", "chairman"),
    "advise": ("employee_of", "adviser"),
    "teach": ("employee_of", None), "lecture": ("employee_of", None), "work": ("employee_of", None),
    "research": ("employee_of", None), "study": ("employee_of", None),
    "sit": ("member_of", None), "serve": ("member_of", None), "belong": ("member_of", None),
}

# Prepositions introducing the organisation in an appositive title ("fellow at X").
AFFILIATION_PREPOSITIONS = {"at", "of", "with", "for", "from", "in"}

# Common name particles allowed in lowercase inside a person name.
NAME_PARTICLES = {"bin", "al", "al-", "de", "del", "della", "van", "von", "da", "der", "la", "le",
                  "du", "dos", "das", "ibn", "el", "y", "st.", "di"}

# Frequent Korean and Chinese surnames: a capitalised word before a hyphenated given name.
EAST_ASIAN_SURNAMES = {
    "kim", "lee", "yi", "ri", "park", "pak", "choe", "choi", "go", "ko", "jang", "chang", "jung",
    "jong", "chung", "moon", "mun", "yoon", "yun", "han", "kang", "cho", "jo", "yu", "oh", "o",
    "shin", "sin", "kwon", "hwang", "ahn", "an", "song", "hong", "jeon", "chun", "nam", "seo",
    "so", "noh", "roh", "ban", "baek", "paek", "ryu", "yang", "xi", "li", "wang", "zhang", "liu",
    "chen", "zhao", "zhou", "wu", "hu", "sun", "ma", "zhu", "guo", "he", "lin", "luo", "gao",
    "deng", "qin", "jiang", "tang", "feng", "wen", "ho", "pham", "nguyen", "tran", "le", "vo",
}

# Things the small model calls entities that are not actors.
NOT_ENTITIES = {"covid-19", "covid", "coronavirus", "click", "llc", "inc", "http", "https"}

# Words around a capitalised name that say what kind of thing it is (the small model often
# calls ships, exercises, squares and weapons persons).
FACILITY_WORDS = {"square", "street", "avenue", "airport", "station", "bridge", "stadium", "palace",
                  "hall", "park", "island", "port", "hotel", "cosmodrome", "road", "boulevard",
                  "plaza", "tower", "base", "spaceport", "university", "mausoleum"}
VESSEL_WORDS = {"uss", "hms", "carrier", "destroyer", "frigate", "ship", "vessel", "submarine",
                "cruiser", "warship", "corvette", "icebreaker", "flagship"}
EVENT_WORDS = {"exercise", "exercises", "drill", "drills", "summit", "forum", "operation", "games",
               "conference", "talks", "treaty", "agreement", "accord", "war"}
WEAPON_WORDS = {"missile", "missiles", "rocket", "rockets", "drone", "drones", "tank", "tanks",
                "satellite", "launcher", "launchers", "jet", "jets", "fighter", "fighters",
                "howitzer", "howitzers", "system", "systems", "warhead", "interceptor"}
REGION_WORDS = {"region", "province", "oblast", "krai", "river", "valley", "district", "county",
                "prefecture", "peninsula", "strait", "sea", "mountains"}
SITE_WORDS = {"plant", "factory", "shipyard", "complex", "works", "airfield", "cosmodrome",
              "base", "airport", "stadium", "mausoleum"}

# Common given names in English-language news, with gender ("m", "f"; "u" when used for both).
# A small list written for the project: evidence that "Mariah Okafor" is a person and that
# "Mrs. Clinton" is not Bill Clinton.  Extend freely.
_MALE_NAMES = """
aaron abdul adam adrian ahmed alan albert alejandro alex alexander alexei ali andre andreas
andrew andrei angelo anthony antonio arthur barack ben benjamin bernard bill billy bob bobby
boris brad bradley brandon brian bruce bryan carl carlos charles charlie chris christian
christopher colin craig dan daniel danny darren david dean dennis derek dick dmitry don donald
doug douglas drew dwight ed eddie edward emmanuel eric ernesto erik eugene evan felipe fernando
francis francisco frank fred frederick gary gavin george gerald gerhard giovanni gordon greg
gregory hakeem hans harold harry hassan henry howard hugh hussein ian igor ivan jack jacob
jake james jamie jared jason javier jean jeff jeffrey jeremy jerry jim jimmy joe joel johan john
johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth
kevin kyle larry lars lee leonard liam louis luis luke marc marco marcus mario mark martin
matt matthew maurice max michael miguel mike mikhail mitch mitchell mohamed mohammed muhammad
nathan neil nicholas nick nicolas nigel oliver omar oscar pablo patrick paul pedro peter phil
philip pierre rafael ralph randy raul ray raymond ricardo richard rick rob robert roberto
rodrigo roger ron ronald ross roy russell ryan sam samuel scott sean sebastian sergei sergey
simon stefan stephen steve steven stuart ted terry thomas tim timothy todd tom tommy tony
travis vladimir walter warren wayne will william yuri
"""
_FEMALE_NAMES = """
abigail ada alice alicia alison amanda amy ana andrea angela angelina ann anna anne annette
barbara betty beverly brenda caroline carol carolyn catherine charlotte cheryl christina
christine claire claudia cynthia dana daniela deborah debra denise diana diane donna doris
dorothy elena elizabeth ellen emily emma erin eva evelyn fatima fiona frances gabriela grace
hannah heather helen hillary ingrid irene jacqueline jane janet janice jennifer jessica jill
joan joanna josephine joyce judith judy julia julie karen kate katherine kathleen kathryn kelly
kim kimberly kristin laura lauren linda lisa liz lori louise lucy lynn madeleine margaret maria
mariah marie marilyn marine martha mary megan melania melissa michelle monica nancy natalia
natasha nicole nina olga pamela patricia paula priya rachel rebecca rita rosa ruth sandra sara
sarah sharon shirley silvia sofia sophie stephanie sue susan suzanne tatiana teresa theresa
tiffany ursula valentina valerie victoria virginia wendy yulia
"""
GIVEN_NAMES: dict[str, str] = {n: "m" for n in _MALE_NAMES.split()}
GIVEN_NAMES.update({n: "f" for n in _FEMALE_NAMES.split()})
for _n in ("kim", "lee", "jean", "dana", "jamie", "chris", "alex", "sam", "terry", "lynn"):
    GIVEN_NAMES[_n] = "u"  # both (and some are also surnames)

# Short forms of given names: "Chris Coons" is "Christopher A. Coons", "Bill" is "William".
NICKNAMES = {
    "bill": "william", "billy": "william", "will": "william", "liam": "william",
    "bob": "robert", "bobby": "robert", "rob": "robert", "chris": "christopher",
    "mike": "michael", "jim": "james", "jimmy": "james", "jamie": "james", "joe": "joseph",
    "tom": "thomas", "tommy": "thomas", "dick": "richard", "rick": "richard",
    "dan": "daniel", "danny": "daniel", "dave": "david", "steve": "steven", "stephen": "steven",
    "tony": "anthony", "ted": "edward", "ed": "edward", "eddie": "edward", "ken": "kenneth",
    "matt": "matthew", "nick": "nicholas", "pat": "patrick", "sam": "samuel", "tim": "timothy",
    "ron": "ronald", "don": "donald", "doug": "douglas", "greg": "gregory", "jeff": "jeffrey",
    "jon": "jonathan", "josh": "joshua", "larry": "lawrence", "phil": "philip", "fred": "frederick",
    "alex": "alexander", "andy": "andrew", "drew": "andrew", "ben": "benjamin", "charlie": "charles",
    "chuck": "charles", "harry": "henry", "hank": "henry", "jack": "john", "johnny": "john",
    "mitch": "mitchell", "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth",
    "kate": "katherine", "kathy": "katherine", "cathy": "catherine", "sue": "susan",
    "jenny": "jennifer", "jen": "jennifer", "meg": "margaret", "peggy": "margaret",
    "annie": "ann", "anne": "ann", "vicky": "victoria", "becky": "rebecca",
}


def canonical_given(name: str) -> str:
    """The formal given name behind a short form ("bill" -> "william"); lower case in and out."""
    return NICKNAMES.get(name, name)

# The eighteen first-class cricket counties: in a cricket report, the county is the team (ORG).
CRICKET_COUNTIES = {
    "derbyshire", "durham", "essex", "glamorgan", "gloucestershire", "hampshire", "kent",
    "lancashire", "leicestershire", "middlesex", "northamptonshire", "nottinghamshire", "somerset",
    "surrey", "sussex", "warwickshire", "worcestershire", "yorkshire",
}
CRICKET_WORDS = {"cricket", "wicket", "wickets", "innings", "batsman", "bowler", "bowled", "overs",
                 "lbw", "not out", "county championship", "test match", "runs"}

# Family names of leaders in the knowledge base that many other people share ("Johnson", "Khan",
# "Santos"), or that are also given names, titles or months: a lone mention of one says nothing
# about the person's country.
COMMON_FAMILY_NAMES = frozenset({
    "abbas", "ahmed", "al", "ali", "arroyo", "austin", "bennett", "brown", "cameron", "carter", "castro",
    "chavez", "harris", "hussein", "ii", "jr", "johnson", "jonathan", "kerry", "khan", "major", "marcos",
    "may", "mohamad", "peng", "qiang", "rice", "saleh", "salman", "santos", "sen", "sharif", "silva",
    "singh", "sullivan", "taylor", "yi",
})
