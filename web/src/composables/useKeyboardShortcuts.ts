// Editor keys: Delete/Backspace removes the selection; Ctrl/Cmd+Z undoes; Shift+Ctrl/Cmd+Z
// and Ctrl+Y redo. Keys typed into a form field belong to that field (its own undo, its text).
import { onBeforeUnmount, onMounted } from 'vue'

export interface Shortcuts {
  remove(): void
  undo(): void
  redo(): void
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el) return false
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)
}

export function useKeyboardShortcuts(actions: Shortcuts): void {
  function onKey(event: KeyboardEvent): void {
    if (typingIn(event.target)) return
    const mod = event.ctrlKey || event.metaKey
    const key = event.key.toLowerCase()
    if (mod && key === 'z') actions[event.shiftKey ? 'redo' : 'undo']()
    else if (mod && key === 'y') actions.redo()
    else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) actions.remove()
    else return
    event.preventDefault()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
