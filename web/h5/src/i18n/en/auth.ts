import type zh from '../zh-CN/auth'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  auth: {
    title: 'Log in',
    heading: 'Log in with your phone',
    subheading: 'New numbers get an account automatically after verification',
    phone: 'Phone',
    phonePlaceholder: 'Mobile number',
    phoneInvalid: 'Enter an 11-digit mobile number',
    code: 'Code',
    codePlaceholder: '6-digit code',
    codeInvalid: 'Enter the 6-digit code',
    sendCode: 'Get code',
    resendIn: 'Resend in {s}s',
    codeSent: 'Code sent',
    login: 'Log in',
    welcome: 'Logged in',
    autoRegister: 'By logging in you agree to the Terms of Service and Privacy Policy',
    or: 'or',
    wechatLogin: 'Log in with WeChat',
    wechatLoggingIn: 'Logging in with WeChat…',
    wechatFailed: 'WeChat login was not completed',
    usePhone: 'Log in with phone',
  },
}
export default m
