// Fixed benchmark inputs, written for the benchmark (not taken from any corpus).
// Each size comes in several variants so that no checker is timed on one cached text.

const chatBodies = [
  "Hi Marta, thanks for the screenshots! The sync stopped because the calendar token expired on Friday. I've reset it on our side; please sign out and back in on the phone app and it should pull the missing events within a minute. We apologize for any inconvenience this caused. Anything else I can check?",
  "Hello Tom, I checked order 55120: the courier scanned it at the Leeds depot this morning and it's out for delivery now. If it hasn't arrived by 8 pm, reply here and I'll open a claim with them straight away. Rest assured, we are on it, and thanks for your patience and understanding.",
  "Hey Priya, the export limit is 10,000 rows per file, so the report was cut. Split the date range into two months and you'll get everything. Obviously, that's not ideal, so I've asked the team to raise the limit. Please do not hesitate to contact us if it happens again.",
];

const emailBody = (name, item) => `Hello ${name},

Thank you for reaching out to us regarding your ${item}. We apologize for any inconvenience this may have caused and we appreciate your patience while our team looked into it.

Here is what happened. On Tuesday evening a routine update changed the way invoices are generated for accounts on the annual plan. For a small number of accounts, including yours, the renewal was charged twice: once at 18:02 and again at 18:05. The second charge should never have gone through. I have already refunded it in full; you will see the refund on your statement within three to five business days, depending on your bank. The reference number for the refund is RF-20931.

I also checked the rest of your account. Your plan, seats and storage are unchanged, your data was not affected, and your next renewal date is still the 14th of next year. There is nothing you need to do on your side. If your bank shows the duplicate as pending rather than settled, it will simply disappear instead of showing as a refund.

To make sure this does not happen again, our billing team added a check that stops a second renewal charge within 24 hours of the first, and they are reviewing every account that renewed that evening. Rest assured, your issue will be resolved shortly if anything else turns up, and please do not hesitate to contact us if you have any other questions.

As per our policy, we cannot extend the plan for free, but I have added one month of extra storage as a thank-you for flagging this so quickly. You can see it under Settings, then Billing, then Add-ons.

One more note, since you asked about the receipts for your accounting team: every invoice, including the corrected one, is available as a PDF under Billing, then History. If your accountant needs them sent to a different address each month, add that address under Billing contacts and they will get a copy automatically.

Kind regards,
Jonas
Customer Support`;

const emailItems = [['Ms. Chen', 'annual subscription'], ['Mr. Adeyemi', 'renewal invoice'], ['Dr. Novak', 'billing question'], ['Sam', 'duplicate charge']];

function logLines(n, seed) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const id = (seed * 7919 + i * 104729) % 1000000;
    lines.push(`2026-11-0${1 + (i % 9)}T12:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}Z INFO worker-${i % 8} job=${id} status=${i % 13 === 0 ? 'retry' : 'ok'} latency_ms=${(id % 900) + 12} path=/api/v2/sync/${id % 97}`);
  }
  return lines.join('\n');
}

export const chats = chatBodies;
export const emails = emailItems.map(([n, i]) => emailBody(n, i));
export const pastes = emails.map((e, k) => `${e}\n\nThe customer's log, pasted below:\n${logLines(200, k + 1)}\n`);
