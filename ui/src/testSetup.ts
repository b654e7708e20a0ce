// Every component a test mounts is unmounted after it, so nothing a screen
// left running (a dialog's focus retry, a timer) outlives the test's document.
import { afterEach } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'

enableAutoUnmount(afterEach)
