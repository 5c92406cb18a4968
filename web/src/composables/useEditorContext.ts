// What the flow editor page shares with the components deep inside the canvas and the
// config panel (a node on the canvas needs its problems, live counters and run path),
// handed down with provide/inject instead of through every component in between.
import { inject, provide, type InjectionKey } from 'vue'
import type { FlowEditor } from './useFlowEditor.ts'
import type { LiveStatus } from './useLiveStatus.ts'
import type { Publisher } from './usePublish.ts'
import type { RunInspector } from './useRunInspector.ts'

export interface EditorContext {
  editor: FlowEditor
  publisher: Publisher
  live: LiveStatus
  inspector: RunInspector
}

const KEY: InjectionKey<EditorContext> = Symbol('kairos-editor')

export function provideEditorContext(context: EditorContext): void {
  provide(KEY, context)
}

export function useEditorContext(): EditorContext {
  const context = inject(KEY)
  if (!context) throw new Error('useEditorContext() is only available inside the flow editor page')
  return context
}

/** The editor context when inside the flow editor, else null (for widgets used elsewhere too). */
export function useOptionalEditorContext(): EditorContext | null {
  return inject(KEY, null)
}
