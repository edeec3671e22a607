import {defineArrayMember, defineType} from 'sanity'

/**
 * The article body (text blocks and figures): what writers can express, and nothing the renderer cannot render safely.
 * h1 is the page title, so the body starts at h2.
 */
export const blockContent = defineType({
  name: 'blockContent',
  title: 'Body',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Normal', value: 'normal'},
        {title: 'Heading 2', value: 'h2'},
        {title: 'Heading 3', value: 'h3'},
        {title: 'Heading 4', value: 'h4'},
        {title: 'Quote', value: 'blockquote'},
      ],
      lists: [
        {title: 'Bullet', value: 'bullet'},
        {title: 'Numbered', value: 'number'},
      ],
      marks: {
        decorators: [
          {title: 'Strong', value: 'strong'},
          {title: 'Emphasis', value: 'em'},
          {title: 'Code', value: 'code'},
        ],
        annotations: [defineArrayMember({type: 'link'})],
      },
      of: [defineArrayMember({type: 'citationMarker'})],
    }),
    // An image with its alternative text, caption and credit (schemas/objects/figure.ts).
    defineArrayMember({type: 'figure'}),
  ],
})
