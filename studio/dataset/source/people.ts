import type {PersonSpec} from './types.ts'

/**
 * Sean Jackson and Morgan Blair are the reference article's writer and reviewer, with the bios the page gives.
 * The others are fictional staff for the dataset's own articles; Priya Raman both writes and reviews (never her
 * own articles), which the Studio's people lists and the reviewer checks must handle.
 * The medical reviewers' `sanityUserIds` are made-up Studio accounts, signed in by `npm run studio:demo`.
 */
export const people: PersonSpec[] = [
  {
    id: 'sean-jackson',
    name: 'Sean Jackson',
    roles: ['writer'],
    jobTitle: 'Writer',
    bio: 'Sean Jackson is a medical writer with 25+ years of experience, holding a B.A. degree from the University of Nottingham.',
    createdAt: '2023-06-20T10:02:11Z',
  },
  {
    id: 'morgan-blair',
    name: 'Morgan Blair',
    roles: ['medicalReviewer'],
    credentials: 'MA, LPCC',
    sanityUserIds: ['pMorganB1'],
    jobTitle: 'Medical reviewer',
    bio: 'Morgan Blair is a licensed therapist, writer and medical reviewer, holding a master’s degree in clinical mental health counseling from Northwestern University.',
    createdAt: '2023-06-20T10:05:47Z',
  },
  {
    id: 'priya-raman',
    name: 'Priya Raman',
    roles: ['writer', 'medicalReviewer'],
    credentials: 'MD, MPH',
    jobTitle: 'Family physician and medical editor',
    bio: 'Priya Raman is a family physician with a master’s degree in public health. She writes about prevention and long-term conditions and reviews articles on sleep and everyday health.',
    createdAt: '2024-02-05T08:41:09Z',
    sanityUserIds: ['user-priya-raman'],
  },
  {
    id: 'daniel-okafor',
    name: 'Daniel Okafor',
    roles: ['medicalReviewer'],
    credentials: 'PharmD',
    jobTitle: 'Clinical pharmacist',
    bio: 'Daniel Okafor is a clinical pharmacist who has worked in hospital and community pharmacies. He reviews articles on medicines, blood pressure and infection prevention.',
    createdAt: '2024-02-05T08:47:30Z',
    sanityUserIds: ['user-daniel-okafor'],
  },
  {
    id: 'lena-fischer',
    name: 'Lena Fischer',
    roles: ['writer'],
    jobTitle: 'Health writer',
    bio: 'Lena Fischer is a health writer who turns clinical guidance into plain language for patients and families.',
    createdAt: '2024-03-11T13:20:55Z',
  },
]
