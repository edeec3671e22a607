/**
 * The publisher of the reference page is anonymised; "Northfield Health Library" is a neutral stand-in, and the
 * editorial notice is the page's "Medical Content" text without the brand.
 */
export const settings = {
  publisherName: 'Northfield Health Library',
  publisherUrl: 'https://health.example.org',
  siteUrl: 'https://health.example.org',
  editorialPolicyUrl: 'https://health.example.org/editorial-policy/',
  reviewIntervalMonths: 12,
  dueSoonDays: 30,
  editorialNotice:
    'Our Medical Affairs Team is a dedicated group of medical professionals with diverse and extensive clinical experience who actively contribute to the development of our content. They evaluate and review all medical content before publication to ensure it is medically accurate and aligned with current research and guidance. For more information, read our editorial policy.',
  disclaimer:
    'This article is for general information only. It is not a substitute for advice, diagnosis or treatment from a qualified health professional. If you are worried about your health or someone else’s, contact a health professional; in an emergency, call your local emergency number.',
  citationStyle: 'apa',
  createdAt: '2023-06-20T09:58:02Z',
  updatedAt: '2024-02-05T08:36:18Z',
} as const
