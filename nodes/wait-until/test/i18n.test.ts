import { describe, expect, it } from 'vitest'
import { checkNodeTranslations, untranslated } from '@kairos/sdk'
import waitUntil from '../src/index.ts'

describe('wait.until in Chinese', () => {
  it('translates every field (workday and calendar included) and port, naming only ones that exist', () => {
    expect(untranslated(waitUntil, 'zh-CN')).toEqual([])
    expect(checkNodeTranslations(waitUntil.i18n, waitUntil.config, null)).toEqual([])
  })
})
