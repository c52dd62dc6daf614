/**
 * A CmapTools-shaped security map as large as the biggest real one the issue was tried with (145
 * concepts): the `_Default_` sheet paints every concept black with black text, boxes are sized
 * tightly to CmapTools' own 12 px font (so narrower than ours for capitals), labels mix acronyms,
 * long names and explicit line breaks, and several phrases fan out (one phrase, many targets) or are
 * shared many-to-many, as CmapTools writes them. Deterministic: the same file every run.
 */

const TERMS = [
  'Cryptography', 'Symmetric Cipher', 'Asymmetric Cipher', 'Stream Cipher', 'Block Cipher', 'RC4', 'ChaCha20', 'AES',
  'DES', '3DES', 'Blowfish', 'Twofish', 'RSA', 'ECC', 'ElGamal', 'Diffie-Hellman Key Exchange', 'ECDH', 'ECDSA',
  'Hash Function', 'MD5', 'SHA-1', 'SHA-256', 'SHA-3', 'HMAC', 'HMAC-SHA256', 'MAC', 'Digital Signature',
  'Public Key Infrastructure (PKI)', 'X.509 Certificate', 'Certificate Authority', 'Certificate Revocation List',
  'OCSP', 'TLS 1.3', 'SSL', 'IPsec', 'WPA2-PSK', 'WPA3', 'WEP', 'TKIP', 'CCMP', 'Kerberos', 'KDC', 'Ticket Granting Ticket',
  'OAuth 2.0', 'OpenID Connect', 'SAML', 'Multi-Factor Authentication', 'TOTP', 'FIDO2 / WebAuthn', 'Password Hashing',
  'bcrypt', 'scrypt', 'Argon2id', 'PBKDF2', 'Salt', 'Nonce', 'Initialization Vector (IV)', 'ECB Mode', 'CBC Mode',
  'CTR Mode', 'GCM Mode', 'Padding Oracle Attack', 'Birthday Attack', 'Brute Force Attack', 'Dictionary Attack',
  'Rainbow Table', 'Man-in-the-Middle (MITM)', 'Replay Attack', 'Side-Channel Attack', 'Timing Attack', 'Power Analysis',
  'Confidentiality', 'Integrity', 'Availability', 'Non-repudiation', 'Authentication', 'Authorization', 'Accounting',
  'Access Control', 'DAC', 'MAC (Mandatory)', 'RBAC', 'ABAC', 'Least Privilege', 'Separation of Duties', 'Firewall',
  'Stateful Inspection', 'WAF', 'IDS', 'IPS', 'SIEM', 'Honeypot', 'DMZ', 'VPN', 'Zero Trust Architecture', 'Network Segmentation',
  'VLAN', 'NAC', '802.1X', 'RADIUS', 'TACACS+', 'LDAP', 'Active Directory', 'Malware', 'Virus', 'Worm', 'Trojan',
  'Ransomware', 'Rootkit', 'Spyware', 'Botnet', 'Phishing', 'Spear Phishing', 'Social Engineering', 'SQL Injection',
  'Cross-Site Scripting (XSS)', 'CSRF', 'Buffer Overflow', 'Input Validation', 'Secure Coding', 'OWASP Top 10',
  'Vulnerability Scanning', 'Penetration Testing', 'CVE', 'CVSS', 'Patch Management', 'Incident Response',
  'Digital Forensics', 'Chain of Custody', 'Business Continuity Plan', 'Disaster Recovery', 'RPO', 'RTO', 'Backup',
  'Risk Assessment', 'Threat Modeling', 'STRIDE', 'Security Policy', 'Compliance', 'GDPR', 'HIPAA', 'PCI DSS', 'ISO/IEC 27001',
  'NIST CSF', 'Security Awareness Training', 'Key Management', 'Hardware Security Module'
]

/** Roughly Verdana 12 px, as CmapTools sizes its boxes: narrow letters and capitals alike. */
const cmapWidth = (line: string) => Math.round(line.length * 7.2 + 8)

export interface LargeCmap {
  xml: string
  concepts: number
  phrases: number
}

export function largeSecurityCmap(count = 145): LargeCmap {
  const labels = TERMS.slice(0, count)
  // Two-word labels past 16 characters are written on two lines, as people do in CmapTools.
  const written = labels.map((l, i) => (l.length > 16 && i % 3 === 0 ? l.replace(' ', '\n') : l))
  const concepts = written.map((label, i) => {
    const lines = label.split('\n')
    // The root alone at the top, in the middle, as CmapTools maps are drawn; the rest in rows below.
    const col = i === 0 ? 5.5 : (i - 1) % 12
    const row = i === 0 ? 0 : 1 + Math.floor((i - 1) / 12)
    return { id: `c${i}`, label, x: 90 + col * 190, y: 60 + row * 150, w: Math.max(...lines.map(cmapWidth)), h: 10 + lines.length * 15 }
  })
  // Phrases: the root fans out to four of the first row; each other concept links to some of the next row. Every fourth source fans out to
  // three targets through one phrase; a few phrases are many-to-many (two sources, two targets).
  const verbs = ['is a', 'uses', 'protects', 'depends on', 'is defeated by', 'includes', 'requires', 'provides']
  const phrases: { id: string; label: string; x: number; y: number; from: string[]; to: string[] }[] = []
  phrases.push({ id: 'p0', label: 'is studied as', x: concepts[0]!.x, y: 135, from: ['c0'], to: ['c3', 'c5', 'c8', 'c10'] })
  for (let i = 1; i + 12 < concepts.length; i++) {
    const to = [i + 12]
    if (i % 4 === 0) for (const k of [i + 13, i + 11]) if (k < concepts.length && k !== i) to.push(k)
    const from = [i]
    if (i % 9 === 5 && i + 1 + 12 < concepts.length) { from.push(i + 1); to.push(i + 13) }
    const a = concepts[i]!
    phrases.push({ id: `p${i}`, label: verbs[i % verbs.length]!, x: a.x, y: a.y + 75, from: from.map((k) => `c${k}`), to: [...new Set(to)].map((k) => `c${k}`) })
  }
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#xa;')
  let k = 0
  const connections = phrases.flatMap((p) => [
    ...p.from.map((f) => `<connection id="k${k++}" from-id="${f}" to-id="${p.id}"/>`),
    ...p.to.map((t) => `<connection id="k${k++}" from-id="${p.id}" to-id="${t}"/>`)
  ])
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<cmap xmlns:dcterms="http://purl.org/dc/terms/" xmlns="http://cmap.ihmc.us/xml/cmap/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:vcard="http://www.w3.org/2001/vcard-rdf/3.0#">
<res-meta><dc:title>Information security</dc:title><dc:description>How is information kept safe?</dc:description></res-meta>
<map width="2400" height="2000">
<concept-list>${concepts.map((c) => `<concept id="${c.id}" label="${esc(c.label)}"/>`).join('')}</concept-list>
<linking-phrase-list>${phrases.map((p) => `<linking-phrase id="${p.id}" label="${esc(p.label)}"/>`).join('')}</linking-phrase-list>
<connection-list>${connections.join('')}</connection-list>
<concept-appearance-list>${concepts.map((c) => `<concept-appearance id="${c.id}" x="${c.x}" y="${c.y}" width="${c.w}" height="${c.h}"/>`).join('')}</concept-appearance-list>
<linking-phrase-appearance-list>${phrases.map((p) => `<linking-phrase-appearance id="${p.id}" x="${p.x}" y="${p.y}" width="${cmapWidth(p.label)}" height="14"/>`).join('')}</linking-phrase-appearance-list>
<style-sheet-list><style-sheet id="_Default_">
<map-style background-color="255,255,255,0"/>
<concept-style font-name="Verdana" font-size="12" font-style="plain" font-color="0,0,0,255" text-margin="4" background-color="0,0,0,255" border-color="0,0,0,255" border-style="solid" border-thickness="1" border-shape="rounded-rectangle"/>
<linking-phrase-style font-name="Verdana" font-size="12" font-style="plain" font-color="0,0,0,255" background-color="0,0,255,0"/>
<connection-style color="0,0,0,255" style="solid" thickness="1" type="straight" arrowhead="if-to-concept-and-slopes-up"/>
</style-sheet></style-sheet-list>
</map>
</cmap>
`
  return { xml, concepts: concepts.length, phrases: phrases.length }
}
