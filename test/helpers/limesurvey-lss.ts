/**
 * Writes this project's questionnaire as a LimeSurvey survey structure (.lss) in the layout
 * LimeSurvey 6 exports (DBVersion 606, as in the real export
 * LimeSurvey/limesurvey-core-testing cypress/data/surveys/colors.lss): the tables `answers`,
 * `answer_l10ns`, `groups`, `group_l10ns`, `questions`, `subquestions`, `question_l10ns`,
 * `question_attributes`, `surveys`, `surveys_languagesettings`, each as `<fields>` and
 * `<rows>`, values in CDATA, a NULL value left out and an empty one written `<name/>`, one
 * space of indentation per level, as PHP's XMLWriter writes them in
 * application/helpers/export_helper.php (`surveyGetXMLData`, `buildXMLFromQuery`). What
 * LimeSurvey's importer needs is in application/helpers/admin/import_helper.php
 * (`XMLImportSurvey`): `LimeSurveyDocType` "Survey", the `languages`, one `surveys` row,
 * `surveys_languagesettings` rows for the languages, groups with `group_l10ns`, questions and
 * subquestions with a `gid` and `question_l10ns`, answers with an `aid` their `answer_l10ns`
 * refer to.
 *
 * Texts are the codebook's (questions, labels, scales) in German and English; the answer codes
 * (AO01 …, SQ001 …) are those LimeSurvey 4 and later propose and data/limesurvey/mapping.example.json
 * expects; the codebook's filter (the G02 block asked only of funded organisations, -8
 * otherwise) is the relevance equation of G02Q01.
 */
import type { Codebook, Lang } from "../../src/data/codebook.js";

const LANGS: Lang[] = ["de", "en"];
const SID = "482913";

type Value = string | null;
type Row = Array<[string, Value]>;

function cdata(v: string): string {
  return `<![CDATA[${v.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

function table(name: string, fields: string[], rows: Row[]): string {
  const out = [
    ` <${name}>`,
    "  <fields>",
    ...fields.map((f) => `   <fieldname>${f}</fieldname>`),
    "  </fields>",
    "  <rows>",
  ];
  for (const r of rows) {
    out.push("   <row>");
    for (const [k, v] of r) if (v !== null) out.push(v === "" ? `    <${k}/>` : `    <${k}>${cdata(v)}</${k}>`);
    out.push("   </row>");
  }
  out.push("  </rows>", ` </${name}>`);
  return out.join("\n");
}

type Texts = Record<Lang, string>;
interface Q {
  type: string;
  code: string;
  text: Texts;
  theme: string;
  relevance?: string;
  other?: boolean;
  rows?: Texts[];
  columns?: Texts[];
  answers?: Texts[];
  attributes?: Array<[string, string]>;
}
interface G {
  name: Texts;
  description: Texts;
  questions: Q[];
}

const STEM: Texts = {
  de: "Inwieweit treffen die folgenden Aussagen zu?",
  en: "To what extent do the following statements apply?",
};

/** The questionnaire, group by group, from the codebook. */
function questionnaire(cb: Codebook): G[] {
  const v = (name: string) => cb.variables.find((x) => x.name === name)!;
  const label = (scale: string, key: string) => cb.scales[scale]!.values.find((x) => x.key === key)!.label as Texts;
  const likert = cb.scales.likert5!.values.map((x) => x.label as Texts);
  const actors = cb.scales.actorGroup!.values.filter((x) => x.key !== "other").map((x) => x.label as Texts);
  const grid = (key: "gave" | "got", code: string): Q => ({
    type: ":",
    code,
    text: cb.grids[key]!.question as Texts,
    theme: "arrays/multiflexi",
    rows: cb.grids[key]!.topics!.map((t) => t.label as Texts),
    columns: cb.grids[key]!.groups!.map((g) => label("actorGroup", g)),
    attributes: [["multiflexible_checkbox", "1"]],
  });
  return [
    {
      name: { de: "Ihre Organisation", en: "Your organisation" },
      description: { de: "", en: "" },
      questions: [
        {
          type: "L",
          code: "G01Q01",
          text: v("actorGroup").question as Texts,
          theme: "listradio",
          other: true,
          answers: actors,
        },
        {
          type: "N",
          code: "G01Q02",
          text: v("sizeClass").question as Texts,
          theme: "numerical",
          attributes: [
            ["min_num_value_n", "0"],
            ["num_value_int_only", "1"],
          ],
        },
        { type: "Y", code: "G01Q03", text: v("funded").question as Texts, theme: "yesno" },
      ],
    },
    {
      name: { de: "Partnerwahl", en: "Choice of partners" },
      description: {
        de: "Nur für Organisationen, die Fördermittel über InterSpiN erhalten.",
        en: "Only for organisations funded through InterSpiN.",
      },
      questions: [
        {
          type: "F",
          code: "G02Q01",
          text: STEM,
          theme: "arrays/array",
          relevance: 'G01Q03.NAOK == "Y"',
          rows: ["priorNational", "priorInternational", "techProximity", "culturalProximity"].map(
            (n) => v(n).question as Texts,
          ),
          answers: likert,
        },
      ],
    },
    {
      name: { de: "Austausch im Cluster/Netzwerk", en: "Exchange in the cluster/network" },
      description: { de: "", en: "" },
      questions: [
        {
          type: "F",
          code: "G03Q01",
          text: STEM,
          theme: "arrays/array",
          rows: ["regularExchange", "shareInside", "shareOutside", "managementHub"].map((n) => v(n).question as Texts),
          answers: likert,
        },
      ],
    },
    {
      name: { de: "Informationsflüsse", en: "Information flows" },
      description: { de: "", en: "" },
      questions: [grid("gave", "G04Q01"), grid("got", "G04Q02")],
    },
    {
      name: { de: "Informationskanäle", en: "Information channels" },
      description: { de: "", en: "" },
      questions: [
        {
          type: "M",
          code: "G05Q01",
          text: cb.grids.channel!.question as Texts,
          theme: "multiplechoice",
          rows: cb.grids.channel!.items!.map((n) => (v(n).short ?? v(n).question) as Texts),
        },
      ],
    },
    {
      name: { de: "Abschluss", en: "Closing" },
      description: { de: "", en: "" },
      questions: [
        {
          type: "T",
          code: "G06Q01",
          text: { de: "Haben Sie Anmerkungen zur Befragung?", en: "Do you have any comments on the survey?" },
          theme: "longfreetext",
        },
      ],
    },
  ];
}

const QUESTION_FIELDS = [
  "qid",
  "parent_qid",
  "sid",
  "gid",
  "type",
  "title",
  "preg",
  "other",
  "mandatory",
  "encrypted",
  "question_order",
  "scale_id",
  "same_default",
  "relevance",
  "question_theme_name",
  "modulename",
  "same_script",
];

const SURVEY: Array<[string, string]> = [
  ["sid", SID],
  ["gsid", "1"],
  ["admin", "inherit"],
  ["adminemail", "inherit"],
  ["anonymized", "Y"],
  ["format", "G"],
  ["savetimings", "N"],
  ["template", "inherit"],
  ["language", "de"],
  ["additional_languages", "en"],
  ["datestamp", "N"],
  ["usecookie", "I"],
  ["allowregister", "I"],
  ["allowsave", "I"],
  ["autonumber_start", "0"],
  ["autoredirect", "I"],
  ["allowprev", "I"],
  ["printanswers", "I"],
  ["ipaddr", "N"],
  ["ipanonymize", "N"],
  ["refurl", "N"],
  ["showsurveypolicynotice", "0"],
  ["publicstatistics", "I"],
  ["publicgraphs", "I"],
  ["listpublic", "I"],
  ["htmlemail", "I"],
  ["sendconfirmation", "I"],
  ["tokenanswerspersistence", "I"],
  ["assessments", "I"],
  ["usecaptcha", "E"],
  ["usetokens", "N"],
  ["bounce_email", "inherit"],
  ["emailresponseto", "inherit"],
  ["emailnotificationto", "inherit"],
  ["tokenlength", "-1"],
  ["showxquestions", "I"],
  ["showgroupinfo", "I"],
  ["shownoanswer", "I"],
  ["showqnumcode", "I"],
  ["bounceprocessing", "N"],
  ["showwelcome", "I"],
  ["showprogress", "I"],
  ["questionindex", "-1"],
  ["navigationdelay", "-1"],
  ["nokeyboard", "I"],
  ["alloweditaftercompletion", "I"],
  ["googleanalyticsstyle", ""],
  ["googleanalyticsapikey", ""],
];

const LANGUAGE_SETTINGS: Record<Lang, Array<[string, string]>> = {
  de: [
    ["surveyls_title", "InterSpiN – Organisationsbefragung, 2. Welle"],
    [
      "surveyls_description",
      "Befragung der Organisationen der Cluster/Netzwerke der BMBF-Fördermaßnahme „Internationalisierung von Spitzenclustern, Zukunftsprojekten und vergleichbaren Netzwerken“ (InterSpiN) zu Partnerwahl und Wissensdiffusion.",
    ],
    ["surveyls_welcometext", ""],
    ["surveyls_endtext", "Vielen Dank für Ihre Teilnahme."],
    ["surveyls_dateformat", "1"],
    ["surveyls_numberformat", "1"],
  ],
  en: [
    ["surveyls_title", "InterSpiN – organisation survey, wave 2"],
    [
      "surveyls_description",
      "Survey of the organisations in the clusters and networks of the BMBF funding measure “Internationalisation of leading-edge clusters, forward-looking projects and comparable networks” (InterSpiN) on choice of partners and knowledge diffusion.",
    ],
    ["surveyls_welcometext", ""],
    ["surveyls_endtext", "Thank you for taking part."],
    ["surveyls_dateformat", "6"],
    ["surveyls_numberformat", "0"],
  ],
};

const sq = (i: number): string => `SQ${String(i + 1).padStart(3, "0")}`;
const ao = (i: number): string => `AO${String(i + 1).padStart(2, "0")}`;

/**
 * The questionnaire as a `.lss` document.
 * @example interspinLss(cb).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<document>') // => true
 */
export function interspinLss(cb: Codebook): string {
  const groups = questionnaire(cb);
  const answers: Row[] = [];
  const answerL10ns: Row[] = [];
  const groupRows: Row[] = [];
  const groupL10ns: Row[] = [];
  const questions: Row[] = [];
  const subquestions: Row[] = [];
  const questionL10ns: Row[] = [];
  const attributes: Row[] = [];
  let qid = 0;
  let aid = 0;
  let l10n = 0;
  const texts = (id: string, t: Texts): void => {
    for (const l of LANGS)
      questionL10ns.push([
        ["id", String(++l10n)],
        ["qid", id],
        ["question", t[l]],
        ["help", ""],
        ["script", ""],
        ["language", l],
      ]);
  };
  const questionRow = (q: {
    id: string;
    parent: string;
    gid: string;
    type: string;
    code: string;
    order: number;
    scale: number;
    relevance: string;
    other: boolean;
    theme: string;
  }): Row => [
    ["qid", q.id],
    ["parent_qid", q.parent],
    ["sid", SID],
    ["gid", q.gid],
    ["type", q.type],
    ["title", q.code],
    ["preg", null],
    ["other", q.other ? "Y" : "N"],
    ["mandatory", "N"],
    ["encrypted", "N"],
    ["question_order", String(q.order)],
    ["scale_id", String(q.scale)],
    ["same_default", "0"],
    ["relevance", q.relevance],
    ["question_theme_name", q.theme],
    ["modulename", null],
    ["same_script", "0"],
  ];
  groups.forEach((g, gi) => {
    const gid = String(gi + 1);
    const group: Row = [
      ["gid", gid],
      ["sid", SID],
      ["group_order", String(gi + 1)],
      ["randomization_group", ""],
      ["grelevance", "1"],
    ];
    groupRows.push(group);
    for (const l of LANGS)
      groupL10ns.push([
        ["id", String(groupL10ns.length + 1)],
        ["gid", gid],
        ["group_name", g.name[l]],
        ["description", g.description[l]],
        ["language", l],
        ...group.slice(1),
      ]);
    g.questions.forEach((q, qi) => {
      const id = String(++qid);
      questions.push(
        questionRow({
          id,
          parent: "0",
          gid,
          type: q.type,
          code: q.code,
          order: qi + 1,
          scale: 0,
          relevance: q.relevance ?? "1",
          other: q.other ?? false,
          theme: q.theme,
        }),
      );
      texts(id, q.text);
      for (const [scale, list] of [
        [0, q.rows ?? []],
        [1, q.columns ?? []],
      ] as const)
        list.forEach((t, i) => {
          const sid = String(++qid);
          subquestions.push(
            questionRow({
              id: sid,
              parent: id,
              gid,
              type: "T",
              code: sq(i),
              order: i,
              scale,
              relevance: "1",
              other: false,
              theme: "longfreetext",
            }),
          );
          texts(sid, t);
        });
      (q.answers ?? []).forEach((t, i) => {
        const a = String(++aid);
        answers.push([
          ["aid", a],
          ["qid", id],
          ["code", ao(i)],
          ["sortorder", String(i)],
          ["assessment_value", "0"],
          ["scale_id", "0"],
        ]);
        for (const l of LANGS)
          answerL10ns.push([
            ["id", String(answerL10ns.length + 1)],
            ["aid", a],
            ["answer", t[l]],
            ["language", l],
          ]);
      });
      for (const [attribute, value] of q.attributes ?? [])
        attributes.push([
          ["qid", id],
          ["attribute", attribute],
          ["value", value],
          ["language", ""],
        ]);
    });
  });
  const settings = LANGS.map(
    (l): Row => [["surveyls_survey_id", SID], ["surveyls_language", l], ...LANGUAGE_SETTINGS[l]],
  );
  return `${[
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<document>",
    " <LimeSurveyDocType>Survey</LimeSurveyDocType>",
    " <DBVersion>606</DBVersion>",
    " <languages>",
    ...LANGS.map((l) => `  <language>${l}</language>`),
    " </languages>",
    table("answers", ["aid", "qid", "code", "sortorder", "assessment_value", "scale_id"], answers),
    table("answer_l10ns", ["id", "aid", "answer", "language"], answerL10ns),
    table("groups", ["gid", "sid", "group_order", "randomization_group", "grelevance"], groupRows),
    table(
      "group_l10ns",
      ["id", "gid", "group_name", "description", "language", "sid", "group_order", "randomization_group", "grelevance"],
      groupL10ns,
    ),
    table("questions", QUESTION_FIELDS, questions),
    table("subquestions", QUESTION_FIELDS, subquestions),
    table("question_l10ns", ["id", "qid", "question", "help", "script", "language"], questionL10ns),
    table("question_attributes", ["qid", "attribute", "value", "language"], attributes),
    table(
      "surveys",
      SURVEY.map(([k]) => k),
      [SURVEY],
    ),
    table(
      "surveys_languagesettings",
      ["surveyls_survey_id", "surveyls_language", ...LANGUAGE_SETTINGS.de.map(([k]) => k)],
      settings,
    ),
    "</document>",
  ].join("\n")}\n`;
}
