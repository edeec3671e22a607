import {Box, Card, Flex, Spinner, Stack, Tab, TabList, TabPanel, Text} from '@sanity/ui'
import {useState} from 'react'
import {formatPath, type DiagnosticMessage} from '../../pipeline/diagnostic.ts'
import type {EditedArticle} from './preview-sources.ts'
import {useRenderedArticle} from './use-rendered-article.ts'

export interface ArticlePreviewProps {
  document: {displayed: EditedArticle}
}

type PreviewTab = 'page' | 'text'

/**
 * The "Preview" view of an article: the standalone page exactly as exported (in a sandboxed frame: no scripts,
 * no access to the Studio) and the plain text, plus what the renderer could not show.
 */
export function ArticlePreview(props: ArticlePreviewProps) {
  const preview = useRenderedArticle(props.document.displayed)
  const [tab, setTab] = useState<PreviewTab>('page')

  if (preview.state === 'loading') {
    return (
      <Flex align="center" justify="center" padding={5} gap={3}>
        <Spinner muted />
        <Text muted>Rendering the preview…</Text>
      </Flex>
    )
  }
  if (preview.state === 'error') {
    return (
      <Card padding={4} tone="critical" role="alert">
        <Text>{preview.message}</Text>
      </Card>
    )
  }
  const {files, messages} = preview.rendered
  return (
    <Stack gap={3} padding={3}>
      <TabList gap={2}>
        <Tab
          id="preview-page-tab"
          aria-controls="preview-page-panel"
          label="Page"
          selected={tab === 'page'}
          onClick={() => setTab('page')}
        />
        <Tab
          id="preview-text-tab"
          aria-controls="preview-text-panel"
          label="Plain text"
          selected={tab === 'text'}
          onClick={() => setTab('text')}
        />
      </TabList>
      {messages.length > 0 && (
        <Card padding={3} tone="caution" radius={2}>
          <Stack gap={2} as="ul">
            {messages.map((message, index) => (
              <Text as="li" key={index} size={1}>
                {message.reason} <code>{formatPath((message as DiagnosticMessage).path ?? [])}</code>
              </Text>
            ))}
          </Stack>
        </Card>
      )}
      <TabPanel id="preview-page-panel" aria-labelledby="preview-page-tab" hidden={tab !== 'page'}>
        <iframe
          title="Rendered page"
          sandbox=""
          srcDoc={files['index.html']}
          style={{width: '100%', height: '75vh', border: 0, background: '#fff'}}
        />
      </TabPanel>
      <TabPanel id="preview-text-panel" aria-labelledby="preview-text-tab" hidden={tab !== 'text'}>
        <Box padding={3}>
          <pre style={{whiteSpace: 'pre-wrap', margin: 0, font: 'inherit', lineHeight: 1.5}}>
            {files['article.txt']}
          </pre>
        </Box>
      </TabPanel>
    </Stack>
  )
}
