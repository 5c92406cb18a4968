// Editor keys: Delete/Backspace removes the selection; Ctrl/Cmd+Z undoes; Shift+Ctrl/Cmd+Z
// and Ctrl+Y redo; Ctrl/Cmd+C copies the selected steps, V pastes them, D duplicates them.
// Keys typed into a form field belong to that field (its own undo, its text, its clipboard).
import { onBeforeUnmount, onMounted } from 'vue'

export interface Shortcuts {
  remove(): void
  undo(): void
  redo(): void
  copy(): void
  paste(): void
  duplicate(): void
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
    // Text selected on the page (a run's error, an id) is copied as text, as anywhere else.
    else if (mod && key === 'c' && !event.shiftKey && !window.getSelection()?.toString()) actions.copy()
    else if (mod && key === 'v' && !event.shiftKey) actions.paste()
    else if (mod && key === 'd') actions.duplicate()
    else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) actions.remove()
    else return
    event.preventDefault()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
