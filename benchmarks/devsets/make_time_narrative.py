"""Builds time_narrative.jsonl from the marked-up paragraphs below (run it after editing them).

Markup: ``[text|TYPE|value|kind]`` or ``[text|TYPE|value|kind|MOD]`` is a gold timex;
``{text}`` is a span that must not be tagged (kind non_timex). Every paragraph was written
for this project; see README.md ("time_narrative.jsonl") for the conventions.

    python benchmarks/devsets/make_time_narrative.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\|([^|\]]+)\|([a-z_]+)(?:\|([A-Z_]+))?\]|\{([^{}]+)\}")

# (published, marked-up paragraph, notes)
PARAGRAPHS: list[tuple[str, str, str]] = [
    ("2023-07-27",
     "North Korea held a military parade in Pyongyang on [Thursday|DATE|2023-07-27|news_anchor] to celebrate "
     "what it calls victory in a war that began in [June 1950|DATE|1950-06|granularity]. United Nations troops "
     "came ashore at Inchon in [September|DATE|1950-09|narrative_anchor], and Chinese forces crossed the Yalu "
     "River [the following month|DATE|1950-10|relative_narrative].", ""),
    ("2023-07-27",
     "Truce talks opened at Kaesong on [10 July 1951|DATE|1951-07-10|granularity]. They moved to Panmunjom "
     "[that October|DATE|1951-10|narrative_anchor], and the armistice was finally signed there on "
     "[27 July 1953|DATE|1953-07-27|granularity]. In {some quarters} of Seoul the agreement is still seen as a "
     "betrayal.", ""),
    ("2023-09-11",
     "Before this journey, Mr. Kim had last gone abroad in [February 2019|DATE|2019-02|granularity], when his "
     "Hanoi summit with President Trump broke up without a deal. He sat down with Mr. Putin in Vladivostok "
     "[two months later|DATE|2019-04|relative_narrative], and in [June|DATE|2019-06|narrative_anchor] he shook "
     "Mr. Trump's hand at the border village of Panmunjom.", "the seed's Kim itinerary, in new words"),
    ("2023-09-11",
     "Contacts between Moscow and Pyongyang have multiplied [this year|DATE|2023|news_anchor]. In "
     "[July|DATE|2023-07|news_anchor], the Russian defense minister stood beside Mr. Kim at a parade and toured "
     "an arms exhibition in the capital.", "no narrative anchor: the year-less month keeps the news reading"),
    ("2024-06-19",
     "Mr. Putin arrived in Pyongyang on [Wednesday|DATE|2024-06-19|news_anchor] for his first visit since "
     "[July 2000|DATE|2000-07|granularity], when Kim Jong-il was his host. [The following summer|DATE|2001-SU|season], "
     "the elder Kim crossed Russia by armored train to reach Moscow.", ""),
    ("2024-06-19",
     "The partnership treaty signed on [Wednesday|DATE|2024-06-19|news_anchor] replaces a defense pact that "
     "Moscow and Pyongyang concluded on [6 July 1961|DATE|1961-07-06|granularity]. "
     "[Five days later|DATE|1961-07-11|relative_narrative], North Korea put its name to a similar treaty with "
     "China in Beijing. After the Soviet collapse the Moscow pact was allowed to lapse, and a treaty without "
     "a defense clause took its place in [February 2000|DATE|2000-02|granularity].", ""),
    ("2023-09-11",
     "North Korea's famine of [the mid-1990s|DATE|199|decade|MID] killed hundreds of thousands of people. It "
     "followed the death of Kim Il-sung on [8 July 1994|DATE|1994-07-08|granularity] and floods that swept the "
     "country [the next summer|DATE|1995-SU|season]. By [1997|DATE|1997|granularity], aid agencies were feeding "
     "millions.", ""),
    ("2024-01-17",
     "Ms. Choe's talks in Moscow [this week|DATE|2024-W03|news_anchor] recall an older pilgrimage. Kim Il-sung "
     "travelled to the Soviet capital in [March 1949|DATE|1949-03|granularity] to seek Stalin's backing, and "
     "on [17 March|DATE|1949-03-17|narrative_anchor] the two governments signed an agreement on economic and "
     "cultural cooperation.", ""),
    ("2019-06-28",
     "Historians met at Versailles on [Friday|DATE|2019-06-28|news_anchor] for the centenary of the treaty "
     "that closed the First World War. The ceremony in the Hall of Mirrors on "
     "[28 June 1919|DATE|1919-06-28|granularity] was held exactly [five years|DURATION|P5Y|unanchored_offset] "
     "after the shooting of Archduke Franz Ferdinand.", "the shooting is not dated in this paragraph"),
    ("2014-06-28",
     "The archduke and his wife were shot in Sarajevo on [28 June 1914|DATE|1914-06-28|granularity]. "
     "Austria-Hungary declared war on Serbia [a month later|DATE|1914-07-28|relative_narrative], and by "
     "[early August|DATE|1914-08|narrative_anchor|START] Germany, Russia, France and Britain had all joined in.",
     "an offset from a day keeps the day (TimeBank practice): 28 July"),
    ("2016-07-01",
     "Wreaths were laid at Thiepval on [Friday|DATE|2016-07-01|news_anchor] for the centenary of the Somme. "
     "The offensive opened on [1 July 1916|DATE|1916-07-01|granularity]; the British and German fleets had "
     "fought off Jutland [a month earlier|DATE|1916-06-01|relative_narrative]. It ground on until "
     "[November|DATE|1916-11|narrative_anchor] and cost more than a million casualties.", ""),
    ("2016-05-31",
     "The naval battle of Jutland began on [31 May 1916|DATE|1916-05-31|granularity] and ended on "
     "[1 June 1916|DATE|1916-06-01|granularity]. Britain had already extended conscription to married men in "
     "[May 1916|DATE|1916-05|granularity], and Lord Kitchener drowned off Orkney in "
     "[June 1916|DATE|1916-06|granularity] when his cruiser struck a mine.", "day versus month granularity"),
    ("2015-04-25",
     "Anzac troops landed at Gallipoli on [25 April 1915|DATE|1915-04-25|granularity]. The campaign of "
     "[1915|DATE|1915|range]–[16|DATE|1916|range] cost more than 100,000 lives before the last soldiers were "
     "taken off the peninsula in [January|DATE|1916-01|narrative_anchor].", ""),
    ("2015-04-09",
     "The war of [1861|DATE|1861|range]–[65|DATE|1865|range] began when Confederate guns opened fire on Fort "
     "Sumter on [12 April 1861|DATE|1861-04-12|granularity]. It ended in effect at Appomattox on "
     "[9 April 1865|DATE|1865-04-09|granularity], and [five days later|DATE|1865-04-14|relative_narrative] "
     "President Lincoln was shot at Ford's Theatre. Andrew Johnson took the oath of office "
     "[one day|DATE|1865-04-15|anchored_offset] after the shooting.", ""),
    ("2020-11-03",
     "Americans vote [today|DATE|2020-11-03|news_anchor] in an election that some historians compare with "
     "that of [1860|DATE|1860|granularity]. Abraham Lincoln won that contest on "
     "[6 November|DATE|1860-11-06|narrative_anchor], and South Carolina voted to leave the Union in "
     "[December|DATE|1860-12|narrative_anchor].", ""),
    ("2021-12-07",
     "Japanese carrier planes struck Pearl Harbor on [7 December 1941|DATE|1941-12-07|granularity]. Congress "
     "declared war on Japan [the day after|DATE|1941-12-08|relative_narrative], and Germany declared war on the "
     "United States [four days|DATE|1941-12-11|anchored_offset] after the attack. Survivors and their families "
     "gathered at the memorial on [Tuesday|DATE|2021-12-07|news_anchor].", ""),
    ("2020-08-06",
     "An atomic bomb destroyed Hiroshima on [6 August 1945|DATE|1945-08-06|granularity], and Nagasaki was hit "
     "[three days later|DATE|1945-08-09|relative_narrative]. Emperor Hirohito announced the surrender on the "
     "radio [six days|DATE|1945-08-15|anchored_offset] after the second bombing. The peace bell in Hiroshima "
     "was rung again on [Thursday|DATE|2020-08-06|news_anchor].", ""),
    ("2020-02-04",
     "Roosevelt, Churchill and Stalin met at Yalta in [February 1945|DATE|1945-02|granularity] to settle the "
     "shape of postwar Europe. Roosevelt was dead [two months later|DATE|1945-04|relative_narrative], and by "
     "[the summer|DATE|1945-SU|season] it was Truman who sat at the table in Potsdam.", ""),
    ("2020-07-17",
     "The Potsdam conference opened on [17 July 1945|DATE|1945-07-17|granularity]. "
     "[The day before|DATE|1945-07-16|relative_narrative], the first atomic device had been exploded in the New "
     "Mexico desert. Churchill lost office [nine days|DATE|1945-07-26|anchored_offset] after the conference "
     "began, when his party was beaten at the polls.", ""),
    ("2019-11-09",
     "Germans gathered at the Brandenburg Gate on [Saturday|DATE|2019-11-09|news_anchor] to celebrate the fall "
     "of the wall. The border through Berlin had been sealed overnight on "
     "[13 August 1961|DATE|1961-08-13|granularity]. When crowds finally poured through the checkpoints in "
     "[1989|DATE|1989|granularity], it was on [9 November|DATE|1989-11-09|narrative_anchor]; German unity "
     "followed [the next October|DATE|1990-10|relative_narrative].", ""),
    ("2022-10-16",
     "[Sixty years ago|DATE|1962|news_anchor], American spy planes photographed Soviet missile sites being "
     "built in Cuba. President Kennedy announced a naval quarantine of the island on "
     "[22 October|DATE|1962-10-22|narrative_anchor], and Khrushchev agreed to withdraw the missiles "
     "[six days later|DATE|1962-10-28|relative_narrative].", ""),
    ("2018-09-17",
     "Anwar Sadat stunned the region with his journey to Jerusalem in [November 1977|DATE|1977-11|granularity]. "
     "Talks at Camp David [the following September|DATE|1978-09|relative_narrative] produced a framework for "
     "peace, and the treaty itself was signed on the White House lawn on "
     "[26 March 1979|DATE|1979-03-26|granularity].", ""),
    ("2019-03-26",
     "Egypt and Israel signed their peace treaty [16 months|DURATION|P16M|unanchored_offset] after Sadat's "
     "visit to Jerusalem. The Arab League suspended Egypt's membership, and the last Israeli troops left Sinai "
     "[three years|DURATION|P3Y|unanchored_offset] after the signing.",
     "neither anchor is dated in this paragraph"),
    ("2019-08-02",
     "The United States formally left the Intermediate-Range Nuclear Forces Treaty on "
     "[Friday|DATE|2019-08-02|news_anchor]. Reagan and Gorbachev had signed it in Washington on "
     "[8 December 1987|DATE|1987-12-08|granularity], and the Senate ratified it "
     "[the following May|DATE|1988-05|relative_narrative].", ""),
    ("2023-10-24",
     "The Peace of Westphalia, signed in [October 1648|DATE|1648-10|historical_year], ended the "
     "{Thirty Years'} War that had begun in [1618|DATE|1618|historical_year]. Its envoys had been bargaining in "
     "Münster and Osnabrück since [1643|DATE|1643|historical_year].", ""),
    ("2026-07-04",
     "Fireworks lit up Philadelphia on [Saturday|DATE|2026-07-04|news_anchor] for the 250th anniversary of the "
     "Declaration of Independence, adopted in [1776|DATE|1776|historical_year]. The campaign of "
     "[1777|DATE|1777|historical_year] brought the turning point, when a British army laid down its arms at "
     "Saratoga in [October|DATE|1777-10|narrative_anchor].", ""),
    ("2023-09-03",
     "Cornwallis surrendered at Yorktown on [19 October 1781|DATE|1781-10-19|historical_year], but the war was "
     "not formally over until the Treaty of Paris was signed on [3 September 1783|DATE|1783-09-03|historical_year]. "
     "The last British troops sailed out of New York [that November|DATE|1783-11|narrative_anchor].", ""),
    ("2024-03-15",
     "Tourists crowded the ruins of Pompey's theatre in Rome on [Friday|DATE|2024-03-15|news_anchor], where "
     "Julius Caesar was stabbed in [44 BC|DATE|BC0044|bc_ad]. His heir Octavian defeated Antony and Cleopatra at "
     "Actium [13 years later|DATE|BC0031|relative_narrative].", "BC years counted backwards: 44 - 13 = 31 BC"),
    ("2022-08-02",
     "Hannibal annihilated a Roman army at Cannae in [216 BC|DATE|BC0216|bc_ad]. Rome refused to make peace, "
     "and [14 years later|DATE|BC0202|relative_narrative] Scipio defeated him at Zama.", ""),
    ("2020-09-20",
     "A small Greek force held the pass at Thermopylae in [480 BC|DATE|BC0480|bc_ad] before it was overwhelmed. "
     "The Persian fleet was beaten at Salamis [later that year|DATE|BC0480|relative_narrative].", ""),
    ("2023-08-24",
     "Vesuvius buried Pompeii in [AD 79|DATE|0079|bc_ad]. A letter by Pliny the Younger long fixed the "
     "eruption on [24 August|DATE|0079-08-24|narrative_anchor], though a charcoal inscription found at the site "
     "in [2018|DATE|2018|granularity] has led many scholars to favour a later date.", ""),
    ("2009-09-11",
     "Three Roman legions were wiped out in the Teutoburg Forest in [AD 9|DATE|0009|bc_ad]. Augustus, who is "
     "said to have mourned them for the rest of his life, died [five years later|DATE|0014|relative_narrative].",
     ""),
    ("2022-06-01",
     "Work on Hadrian's Wall began around [AD 122|DATE|0122|bc_ad|APPROX]. For much of "
     "[the second century|DATE|01|century] it marked the northern edge of Roman Britain.", ""),
    ("2023-03-01",
     "Russia's push into the Far East in [the 19th century|DATE|18|century] brought it to the Korean frontier "
     "when China ceded the coast south of the Amur in [November 1860|DATE|1860-11|granularity]. Korea's kings "
     "had kept their country closed to most foreigners since [the 17th century|DATE|16|century].", ""),
    ("2023-03-01",
     "In [the early 20th century|DATE|19|century|START], Japan absorbed Korea step by step, formally annexing it "
     "in [August 1910|DATE|1910-08|granularity]. The colonial government ran the peninsula until "
     "[1945|DATE|1945|granularity].", ""),
    ("2022-11-11",
     "The partitions of Poland in [the late 18th century|DATE|17|century|END] erased the country from the map "
     "until [1918|DATE|1918|granularity]. Independence Hall in Philadelphia, where the American constitution "
     "was drafted, dates from [the 1700s|DATE|17|century].", "'the 1700s' is a century (17), not a decade"),
    ("2020-02-23",
     "Printing with movable type spread across Europe in [the 15th century|DATE|14|century]. Constantinople "
     "fell to the Ottomans in [1453|DATE|1453|historical_year], and Columbus crossed the Atlantic "
     "[39 years later|DATE|1492|relative_narrative].", ""),
    ("2022-05-20",
     "Ireland's potato blight struck first in [the autumn of 1845|DATE|1845-FA|season]. The crop failed again "
     "[the next year|DATE|1846|relative_narrative], and by [1851|DATE|1851|granularity] about a million people "
     "had died. Emigration in [the late 1840s|DATE|184|decade|END] reshaped cities from Boston to Liverpool.", ""),
    ("2023-11-01",
     "The Bengal famine of [1943|DATE|1943|granularity] killed as many as three million people. Rice prices had "
     "begun to soar [the previous winter|DATE|1942-WI|season], after a cyclone and the loss of imports from "
     "Burma.", ""),
    ("2019-10-01",
     "China's Great Leap Forward famine lasted from [1959|DATE|1959|range] to [1961|DATE|1961|range]. Defense "
     "Minister Peng Dehuai was purged in [the summer of 1959|DATE|1959-SU|season] for criticizing the policy, "
     "and the communes kept sending grain to the cities [the next year|DATE|1960|relative_narrative].", ""),
    ("2025-07-13",
     "Organizers marked the 40th anniversary of Live Aid on [Sunday|DATE|2025-07-13|news_anchor]. The concerts "
     "in London and Philadelphia on [13 July 1985|DATE|1985-07-13|granularity] raised money for victims of the "
     "Ethiopian famine of [1983|DATE|1983|range]–[85|DATE|1985|range]. A television report "
     "[the previous October|DATE|1984-10|relative_narrative] had brought the crisis into British homes.", ""),
    ("2022-11-26",
     "Ukraine's parliament recognized the famine of [1932|DATE|1932|range]–[33|DATE|1933|range] as genocide in "
     "[2006|DATE|2006|granularity]. The law was passed on [28 November|DATE|2006-11-28|narrative_anchor], and in "
     "{some quarters} of Moscow it is still rejected.", ""),
    ("2024-11-30",
     "The Soviet Union invaded Finland on [30 November 1939|DATE|1939-11-30|granularity], opening the "
     "{Winter} War. The Finns held out until a peace was signed in Moscow in "
     "[March|DATE|1940-03|narrative_anchor], at the cost of a tenth of their territory.",
     "a past month after a later anchor month is the next one: March 1940"),
    ("2018-08-21",
     "Czechs laid flowers outside the radio building in Prague on [Tuesday|DATE|2018-08-21|news_anchor]. "
     "Warsaw Pact tanks had rolled into Czechoslovakia in [August 1968|DATE|1968-08|granularity], crushing the "
     "Prague {Spring} reforms. Alexander Dubcek was removed from the party leadership "
     "[the following April|DATE|1969-04|relative_narrative].", ""),
    ("2021-01-25",
     "Egyptians marked the anniversary of their uprising on [Monday|DATE|2021-01-25|news_anchor]. Protesters "
     "first filled Tahrir Square on [25 January 2011|DATE|2011-01-25|granularity], and Hosni Mubarak stepped "
     "down [17 days later|DATE|2011-02-11|relative_narrative]. The revolt became a symbol of the Arab "
     "{Spring}.", ""),
    ("2019-05-04",
     "Students first marched in the {May Fourth} Movement in [1919|DATE|1919|granularity], angry that the peace "
     "conference in Paris had handed German rights in Shandong to Japan. Xi Jinping praised the movement's "
     "legacy [this week|DATE|2019-W18|news_anchor].", "the movement's name is not a timex"),
    ("2017-06-05",
     "Israel captured the West Bank and Gaza in the {Six-Day} War of [June 1967|DATE|1967-06|granularity]. The "
     "Security Council adopted Resolution 242 [that November|DATE|1967-11|narrative_anchor], calling for "
     "withdrawal from occupied territories.", ""),
    ("2020-10-18",
     "British and French troops burned the {Summer} Palace outside Beijing in [October 1860|DATE|1860-10|granularity]. "
     "[The following month|DATE|1860-11|relative_narrative], Russia obtained the coast south of the Amur in a "
     "separate convention signed in Peking.", ""),
    ("2024-10-16",
     "Mao's Communists set out on the Long {March} in [October 1934|DATE|1934-10|granularity] and reached "
     "Shaanxi [a year later|DATE|1935-10|relative_narrative]. Of the 86,000 who left Jiangxi, only a fraction "
     "arrived.", "an offset keeps the anchor's finer granularity: October 1935"),
    ("2019-03-29",
     "Britain was due to leave the European Union [today|DATE|2019-03-29|news_anchor]. Prime Minister Theresa "
     "{May} started the exit process in [March 2017|DATE|2017-03|granularity], and she called a snap election "
     "for [that June|DATE|2017-06|narrative_anchor] that cost her a majority. Voters had chosen to leave in "
     "[June 2016|DATE|2016-06|granularity].", ""),
    ("2023-11-20",
     "Russians will choose a president in [March|DATE|2024-03|news_anchor]. Mr. Putin first won the office in "
     "[March 2000|DATE|2000-03|granularity] and was re-elected [four years later|DATE|2004-03|relative_narrative].",
     "future tense: the next March after publication"),
    ("2021-07-11",
     "China and North Korea signed their treaty of friendship in Beijing on "
     "[11 July 1961|DATE|1961-07-11|granularity]. Xi Jinping and Kim Jong-un exchanged messages on "
     "[Sunday|DATE|2021-07-11|news_anchor] to mark its anniversary, and state media said [last month|DATE|2021-06|news_anchor] "
     "that ties were closer than ever.", "news anchors after a narrative date stay on the publication date"),
    ("2018-06-12",
     "The Singapore summit between Mr. Trump and Kim Jong-un took place on [12 June 2018|DATE|2018-06-12|granularity]. "
     "[Three days|DATE|2018-06-09|anchored_offset] before the summit, Mr. Trump had left a Group of Seven meeting "
     "in Quebec early. North Korean state media reported the meeting [the day after|DATE|2018-06-13|relative_narrative].", ""),
    ("2024-05-10",
     "South Africans voted in their first democratic election on [27 April 1994|DATE|1994-04-27|granularity]. "
     "Nelson Mandela was sworn in as president [13 days|DATE|1994-05-10|anchored_offset] after the vote, in "
     "Pretoria.", ""),
    ("2021-04-26",
     "Reactor No. 4 at Chernobyl exploded on [26 April 1986|DATE|1986-04-26|granularity]. Soviet authorities "
     "admitted the accident only [two days|DATE|1986-04-28|anchored_offset] after the explosion, once radiation "
     "had been detected in Sweden. Pripyat had been evacuated [the day before|DATE|1986-04-27|relative_narrative].",
     "'the day before' (the admission) is 27 April"),
    ("2021-12-17",
     "Kim Jong-il died [17 years|DURATION|P17Y|unanchored_offset] after his father, and his son took power "
     "within [two weeks|DURATION|P2W|unanchored_offset] of his death. Mourners in Pyongyang bowed before their "
     "statues on [Friday|DATE|2021-12-17|news_anchor].", "the anchors (the deaths) are not dated here"),
    ("2020-06-25",
     "Truman sent American ground troops to Korea [five days|DURATION|P5D|unanchored_offset] after the North's "
     "invasion. The first American unit to fight, Task Force Smith, was routed near Osan "
     "on [5 July 1950|DATE|1950-07-05|granularity].", "the invasion is not dated in this paragraph"),
    ("2020-10-03",
     "Germany reunified [11 months|DURATION|P11M|unanchored_offset] after the wall fell, and the Soviet Union "
     "was gone little more than [two years|DURATION|P2Y|unanchored_offset] after it.",
     "the anchors are not dated in this paragraph"),
    ("2023-03-05",
     "Stalin's death in [the spring of 1953|DATE|1953-SP|season] opened the way to a truce in Korea. "
     "[That summer|DATE|1953-SU|season] the guns fell silent along the front, and Soviet leaders began to loosen "
     "the labor camps.", ""),
    ("2022-09-01",
     "Hitler's armies invaded Poland on [1 September 1939|DATE|1939-09-01|granularity]. Britain and France "
     "declared war [two days later|DATE|1939-09-03|relative_narrative], and the Soviet Union moved in from the "
     "east on [17 September|DATE|1939-09-17|narrative_anchor].", ""),
    ("2024-06-06",
     "Veterans returned to the Normandy beaches on [Thursday|DATE|2024-06-06|news_anchor], for the anniversary of "
     "the landings of [6 June 1944|DATE|1944-06-06|granularity]. Paris was liberated in "
     "[late August|DATE|1944-08|narrative_anchor|END], and the Allies were held up in the Ardennes "
     "[that winter|DATE|1944-WI|season].", ""),
    ("2022-02-01",
     "Soviet troops crossed into Afghanistan in [December 1979|DATE|1979-12|granularity] and stayed for most of "
     "[the 1980s|DATE|198|decade]. The last soldiers left in [February 1989|DATE|1989-02|granularity]. The war "
     "is still compared with American involvement in Vietnam in [the sixties|DATE|196|decade].", ""),
    ("2024-09-01",
     "Economists trace the region's debt crisis to [the 1970s|DATE|197|decade], when banks lent freely to "
     "governments. It broke into the open in [August 1982|DATE|1982-08|granularity], when Mexico said it could "
     "not pay, and a long slump followed in [the late 1980s|DATE|198|decade|END].", ""),
    ("2023-06-25",
     "Europe's statesmen spent much of [the 1930s|DATE|193|decade] trying to appease Hitler. At Munich in "
     "[September 1938|DATE|1938-09|granularity] they let him take the Sudetenland; [six months later|DATE|1939-03|relative_narrative] "
     "his troops entered Prague.", ""),
    ("2023-04-27",
     "In [the early 1950s|DATE|195|decade|START], Pyongyang and Seoul were both rebuilding from the rubble. The "
     "two Koreas issued their first joint statement on [4 July 1972|DATE|1972-07-04|granularity], and leaders of "
     "the two states did not meet until [June 2000|DATE|2000-06|granularity].", ""),
    ("2021-08-13",
     "East German units strung barbed wire across Berlin on [13 August 1961|DATE|1961-08-13|granularity]. "
     "[The following week|DATE|1961-W33|relative_narrative], Vice President Johnson flew to the western "
     "sectors to reassure their residents, and an American battle group drove in along the autobahn to join "
     "the garrison.", "13 August 1961 was a Sunday (week 32)"),
    ("2021-04-11",
     "Seoul changed hands for the fourth and last time in [March 1951|DATE|1951-03|granularity]. "
     "[That spring|DATE|1951-SP|season], Truman dismissed General MacArthur for challenging his policy in "
     "public, and the front settled near the old dividing line by [June|DATE|1951-06|narrative_anchor].", ""),
]


def parse(marked: str) -> tuple[str, list[dict], list[dict]]:
    text, timexes, negatives, pos = [], [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        chunk = marked[pos:m.start()]
        text.append(chunk)
        length += len(chunk)
        span = m.group(1) if m.group(1) is not None else m.group(6)
        start, end = length, length + len(span)
        if m.group(1) is not None:
            item = {"text": span, "start": start, "end": end, "type": m.group(2), "value": m.group(3),
                    "kind": m.group(4)}
            if m.group(5):
                item["mod"] = m.group(5)
            timexes.append(item)
        else:
            negatives.append({"text": span, "start": start, "end": end})
        text.append(span)
        length = end
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), timexes, negatives


def records() -> list[dict]:
    out = []
    for n, (published, marked, notes) in enumerate(PARAGRAPHS, 1):
        text, timexes, negatives = parse(marked)
        rec = {"id": f"tn-{n:03d}", "published": published, "text": text, "timexes": timexes,
               "non_timex": negatives}
        if notes:
            rec["notes"] = notes
        out.append(rec)
    return out


def main() -> None:
    path = Path(__file__).with_name("time_narrative.jsonl")
    lines = [json.dumps(r, ensure_ascii=False) for r in records()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} paragraphs to {path}")


if __name__ == "__main__":
    main()
