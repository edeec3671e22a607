import {UserIcon} from '@sanity/icons/User'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {NAME_MAX_LENGTH} from '../limits.ts'

export const PERSON_ROLES = [
  {title: 'Writer', value: 'writer'},
  {title: 'Medical reviewer', value: 'medicalReviewer'},
] as const

export const person = defineType({
  name: 'person',
  title: 'Person',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => [
        rule.required().error('Give the person’s name as it should appear in bylines.'),
        rule.max(NAME_MAX_LENGTH).error(`Keep the name to at most ${NAME_MAX_LENGTH} characters.`),
      ],
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      options: {source: 'name', maxLength: 96},
      validation: (rule) => rule.required().error('Generate a slug from the name.'),
    }),
    defineField({
      name: 'roles',
      title: 'Roles',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      options: {list: [...PERSON_ROLES]},
      validation: (rule) => rule.required().min(1).error('Choose at least one role: writer or medical reviewer.'),
    }),
    defineField({
      name: 'credentials',
      title: 'Credentials',
      type: 'string',
      description: 'Post-nominal letters as they appear after the name, e.g. MA, LPCC.',
    }),
    defineField({
      name: 'sanityUserIds',
      title: 'Studio accounts',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description:
        'Sanity user ids of this person’s Studio accounts (Manage → Members). A medical reviewer can sign off only while signed in as one of them.',
    }),
    defineField({name: 'jobTitle', title: 'Job title', type: 'string'}),
    defineField({name: 'bio', title: 'Bio', type: 'text', rows: 4}),
  ],
  preview: {
    select: {title: 'name', subtitle: 'credentials'},
  },
})
