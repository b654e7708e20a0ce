// What this desk did since it was opened: the status line and 首页 read it.
import { reactive } from 'vue'
import type { PaymentResult } from '../api'

export const desk = reactive({ payments: [] as PaymentResult[] })

export function remember(p: PaymentResult) {
  desk.payments.unshift(p)
}
