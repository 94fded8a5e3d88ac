import type { Component } from 'vue'
import {
  DataLine, Tickets, Goods, Share, Wallet, Setting, Monitor,
} from '@element-plus/icons-vue'

export interface MenuItem {
  name: string // route name
  label: string // i18n key
  super?: boolean
}
export interface MenuGroup {
  key: string
  label: string
  icon: Component
  items: MenuItem[]
}

/** The side menu; entries with `super` are hidden from operators. */
export const menu: MenuGroup[] = [
  { key: 'overview', label: 'menu.overview', icon: DataLine, items: [
    { name: 'dashboard', label: 'menu.dashboard' },
    { name: 'leaderboard', label: 'menu.leaderboard' },
  ] },
  { key: 'orders', label: 'menu.orderGroup', icon: Tickets, items: [
    { name: 'orders', label: 'menu.orders' },
    { name: 'refunds', label: 'menu.refunds' },
    { name: 'paymentAlerts', label: 'menu.paymentAlerts' },
    { name: 'statements', label: 'menu.statements' },
  ] },
  { key: 'catalog', label: 'menu.catalog', icon: Goods, items: [
    { name: 'products', label: 'menu.products' },
    { name: 'categories', label: 'menu.categories' },
  ] },
  { key: 'distribution', label: 'menu.distribution', icon: Share, items: [
    { name: 'applications', label: 'menu.applications' },
    { name: 'distributors', label: 'menu.distributors' },
    { name: 'shoppers', label: 'menu.shoppers' },
    { name: 'levels', label: 'menu.levels' },
  ] },
  { key: 'finance', label: 'menu.finance', icon: Wallet, items: [
    { name: 'commissions', label: 'menu.commissions' },
    { name: 'withdrawals', label: 'menu.withdrawals' },
  ] },
  { key: 'settings', label: 'menu.settings', icon: Setting, items: [
    { name: 'settingsReferral', label: 'menu.settingsReferral' },
    { name: 'settingsCommission', label: 'menu.settingsCommission' },
    { name: 'settingsOrder', label: 'menu.settingsOrder' },
    { name: 'settingsWithdrawal', label: 'menu.settingsWithdrawal', super: true },
    { name: 'settingsPayments', label: 'menu.settingsPayments', super: true },
  ] },
  { key: 'system', label: 'menu.system', icon: Monitor, items: [
    { name: 'admins', label: 'menu.admins', super: true },
    { name: 'auditLog', label: 'menu.auditLog' },
    { name: 'exports', label: 'menu.exports' },
  ] },
]
