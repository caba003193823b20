// A small fixed rule set for engine tests, independent of what rules/ holds today.
import { compileRuleFile, toCompiled } from '../src/rules/compile.js';
import { createChecker } from '../src/engine/checker.js';

const yaml = (lang: string, cat: string, body: string) => compileRuleFile(`rules/${lang}/${cat}.yaml`, `rules:\n${body}`);

const files = [
  yaml('en', 'cliche', `
  - id: en.cliche.inconvenience
    phrases: ["we [sincerely] (apologize|apologise) for (any|the) inconvenience"]
    why: Stock apology.
    suggestions: ["I'm sorry this got in your way"]
    examples:
      flag: [{ text: "We apologize for any inconvenience.", span: "We apologize for any inconvenience", becomes: "I'm sorry this got in your way." }]
      pass: ["Sorry the export failed."]
`),
  yaml('en', 'blame', `
  - id: en.blame.user-error
    regex: '\\b(?<span>user error)\\b'
    unless: ['\\bnot (a )?user error']
    why: Blames the customer.
    suggestions: ["a mix-up"]
    examples:
      flag: [{ text: "This was user error.", span: "user error", becomes: "This was a mix-up." }]
      pass: ["This was not user error."]
  - id: en.blame.should-have
    trigger: '\\byou should have\\b'
    pattern: 'you should have #PastTense'
    why: Hindsight blame.
    suggestions: ["next time you can"]
    examples:
      flag: [{ text: "You should have read the guide.", span: "You should have read", becomes: "Next time you can the guide." }]
      pass: ["You should have it by Friday."]
`),
  yaml('en', 'bare-link', `
  - id: en.bare-link.faq
    check: bare-link
    referral: ["[please] (see|refer to|check) [our] (faq|help center|article)"]
    steps: ["(click|open|go to|first|then)"]
    frame: ["(hi|hello|regards|thanks|best)"]
    why: A link is not an answer.
    suggestions: ["Here is how to do it: (steps). More detail: (link)"]
    examples:
      flag: [{ text: "Please see our FAQ: https://help.example.com/faq", span: "Please see our FAQ: https://help.example.com/faq", becomes: "Here is how to do it: (steps). More detail: (link)" }]
      pass: ["Open Settings, click Export, then pick CSV. More: https://help.example.com/faq"]
`),
  yaml('ru', 'cliche', `
  - id: ru.cliche.neudobstva
    phrases: ["приносим [свои] извинени* за [доставленн*] неудобств*"]
    why: Шаблонное извинение.
    why_en: Stock apology.
    suggestions: ["простите, что так вышло"]
    examples:
      flag: [{ text: "Приносим извинения за доставленные неудобства.", span: "Приносим извинения за доставленные неудобства", becomes: "Простите, что так вышло." }]
      pass: ["Простите, что посылка задержалась."]
`),
  yaml('ar', 'cliche', `
  - id: ar.cliche.izaj
    phrases: ["نعتذر عن [اي] الازعاج"]
    why: اعتذار جاهز.
    why_en: Stock apology.
    suggestions: ["آسف على ما حدث"]
    examples:
      flag: [{ text: "نعتذر عن الإزعاج", span: "نعتذر عن الإزعاج", becomes: "آسف على ما حدث" }]
      pass: ["آسف لأن الطلب تأخر"]
`),
  yaml('zh', 'cliche', `
  - id: zh.cliche.bubian
    phrases: ["给您带来的不便敬请谅解"]
    why: 套话。
    why_en: Stock apology.
    suggestions: ["抱歉让您久等了"]
    examples:
      flag: [{ text: "给您带来的不便敬请谅解。", span: "给您带来的不便敬请谅解", becomes: "抱歉让您久等了。" }]
      pass: ["抱歉，订单延迟了三天。"]
`),
];

const errors = files.flatMap((f) => f.errors);
if (errors.length) throw new Error(errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
export const fixtureRules = files.flatMap((f) => f.rules);
export const fixtureChecker = createChecker({ version: 1, rules: fixtureRules.map(toCompiled) });
