// The icon of each built-in node type (24×24 stroke paths, drawn inline: icon fonts and emoji
// show as empty boxes where the font is missing), so an SMS, an email and a call look apart on
// the canvas and in the palette. Other types fall back to their category's icon.

const BY_TYPE: Record<string, string> = {
  'trigger.event': 'M13 2 4 14h7l-1 8 9-12h-7z',
  'trigger.date': 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4M8 15h3',
  'trigger.schedule': 'M21 12a9 9 0 1 1-3-6.7M21 4v5h-5M12 7v5l3 2',
  'trigger.change': 'M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4',
  wait: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  'wait.event': 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10 21h4',
  'wait.until': 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4M12 13v3l2 1',
  branch: 'M6 3v6a4 4 0 0 0 4 4h4a4 4 0 0 1 4 4v4M6 9v12M18 21l-3-3M18 21l3-3',
  split: 'M12 3v6M12 9l-6 6v6M12 9l6 6v6',
  'send.sms': 'M21 15a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2zM8 9h8M8 13h5',
  'send.email': 'M3 5h18v14H3zM3 6l9 7 9-7',
  'notify.wecom': 'M17 18a5 5 0 0 0 0-10h-1a6 6 0 1 0-9 7l-1 3 3-1.5A6 6 0 0 0 10 17M14 13h.01M18 13h.01',
  call: 'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z',
  webhook: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  tag: 'M20.6 13.4 13.4 20.6a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8zM7.5 7.5h.01',
  coupon: 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4zM14 7v2M14 11v2M14 15v2',
  'assign.sales': 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM19 8v6M22 11h-6',
  'update.contact': 'M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z',
  exit: 'M6 6h12v12H6z',
}

const BY_CATEGORY: Record<string, string> = {
  trigger: BY_TYPE['trigger.event'],
  wait: BY_TYPE.wait,
  logic: BY_TYPE.branch,
  action: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  exit: BY_TYPE.exit,
}

/** The path of a node type's icon: its own, else its category's, else a diamond. */
export function nodeIconPath(type: string | undefined, category: string): string {
  return (type && BY_TYPE[type]) || BY_CATEGORY[category] || 'M12 3l9 9-9 9-9-9z'
}
