import { createRouter, createWebHashHistory } from 'vue-router'
import Home from './views/Home.vue'
import Fees from './views/Fees.vue'
import FeeItems from './views/FeeItems.vue'
import BillingRun from './views/BillingRun.vue'
import Arrears from './views/Arrears.vue'
import DayClose from './views/DayClose.vue'
import MonthlyReport from './views/MonthlyReport.vue'
import Dunning from './views/Dunning.vue'
import Notices from './views/Notices.vue'
import UnitView from './views/UnitView.vue'
import Register from './views/Register.vue'
import ImportWizard from './views/ImportWizard.vue'
import Settings from './views/Settings.vue'
import Backups from './views/Backups.vue'
import Keys from './views/Keys.vue'
import Parcels from './views/Parcels.vue'
import Inventory from './views/Inventory.vue'
import Reno from './views/Reno.vue'
import Meters from './views/Meters.vue'
import Service from './views/Service.vue'
import Inspections from './views/Inspections.vue'
import Bulletins from './views/Bulletins.vue'
import Surveys from './views/Surveys.vue'
import Shift from './views/Shift.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: Home, meta: { title: '首页' } },
    { path: '/fees/:unit?', name: 'fees', component: Fees, meta: { title: '收费' } },
    { path: '/fee-items', name: 'fee-items', component: FeeItems, meta: { title: '收费项目' } },
    { path: '/billing', name: 'billing', component: BillingRun, meta: { title: '账单生成' } },
    { path: '/arrears', name: 'arrears', component: Arrears, meta: { title: '欠费' } },
    { path: '/day-close', name: 'day-close', component: DayClose, meta: { title: '日结' } },
    { path: '/monthly', name: 'monthly', component: MonthlyReport, meta: { title: '月度报表' } },
    { path: '/dunning', name: 'dunning', component: Dunning, meta: { title: '催缴' } },
    { path: '/notices', name: 'notices', component: Notices, meta: { title: '收费通知单' } },
    { path: '/parcels', name: 'parcels', component: Parcels, meta: { title: '快递' } },
    { path: '/units', name: 'register', component: Register, meta: { title: '业户' } },
    { path: '/units/import', name: 'import', component: ImportWizard, meta: { title: '导入业主名册' } },
    { path: '/units/:unit', name: 'units', component: UnitView, meta: { title: '业户' } },
    { path: '/keys', name: 'keys', component: Keys, meta: { title: '钥匙' } },
    { path: '/reno', name: 'reno', component: Reno, meta: { title: '装修管理' } },
    { path: '/meters', name: 'meters', component: Meters, meta: { title: '抄表' } },
    { path: '/inventory', name: 'inventory', component: Inventory, meta: { title: '卡证与盘点' } },
    { path: '/service', name: 'service', component: Service, meta: { title: '报修投诉' } },
    { path: '/inspections', name: 'inspections', component: Inspections, meta: { title: '巡检' } },
    { path: '/bulletins', name: 'bulletins', component: Bulletins, meta: { title: '公告通知' } },
    { path: '/surveys', name: 'surveys', component: Surveys, meta: { title: '满意度调查' } },
    { path: '/shift', name: 'shift', component: Shift, meta: { title: '交接班' } },
    { path: '/settings', name: 'settings', component: Settings, meta: { title: '设置' } },
    { path: '/settings/backups', name: 'backups', component: Backups, meta: { title: '备份与恢复' } },
  ],
})
