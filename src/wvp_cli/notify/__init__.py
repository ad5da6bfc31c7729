"""`wvp notify`: the werkvoorraad delivered to the people who must act.

- `plan`: who gets what. One digest per address: the cases whose casemanager maps to it in
  `[notify.recipients]`, the rest to the fallback address. From the agenda (`core.agenda`),
  never a date of its own.
- `compose`: a digest -> an e-mail (plain text and HTML alternatives, the `.ics` attached) or a
  chat message (Slack, Mattermost, Teams). Pure; every field from a case masked by the privacy
  rules and escaped for where it goes.
- `record`: what was sent, per address per peildatum, so that nothing is sent twice.
- `mail`, `webhook`: the transports (smtplib; urllib of the standard library).
- `deliver`: one run: check that everything needed is there, then send each digest, record it,
  and report every address's outcome; a failure of one never stops the others.
"""
