import type zh from '../zh-CN/centre'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  centre: {
    title: 'Distributor centre',
    comingSoon: 'The distributor centre is coming soon',
    applyTitle: 'Become a distributor',
    heroTitle: 'Share what you love, earn commission',
    heroText: 'As a distributor you earn commission when friends order through your links',
    alreadyDistributor: 'You are already a distributor',
    name: 'Full name',
    namePlaceholder: 'Your name',
    nameRequired: 'Enter your name',
    note: 'About you',
    notePlaceholder: 'Optional: how you plan to promote',
    submit: 'Apply',
    submitted: 'Application submitted; awaiting review',
    approvedNow: 'Congratulations, you are now a distributor',
    submittedAt: 'Submitted {time}',
    rejectReason: 'Reason',
    reapply: 'You can edit your details and apply again',
    appStatus: {
      pending: 'Under review',
      approved: 'Approved',
      rejected: 'Not approved',
    },
  },
}
export default m
