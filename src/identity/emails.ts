/* The text of every message identity sends. Links carry their token in the URL fragment
   (`#token=`), which browsers never send to a server, so it cannot land in an access log or a
   Referer header; the console page reads it and POSTs it. */
import type { MailMessage } from '../mail/index.js';

export function link(publicUrl: string, path: string, token: string): string {
  return `${publicUrl}${path}#token=${encodeURIComponent(token)}`;
}

export const emails = {
  verify(to: string, url: string): MailMessage {
    return {
      to,
      subject: 'Confirm your email address',
      text: `Confirm your address to finish creating your Palisade account:\n\n${url}\n\nThe link works once and expires in 24 hours. If you did not sign up, ignore this message.\n`,
    };
  },
  alreadyRegistered(to: string, publicUrl: string): MailMessage {
    return {
      to,
      subject: 'Someone tried to sign up with your address',
      text: `Someone (perhaps you) tried to create a Palisade account with this address, which already has one.\n\nSign in:\n${publicUrl}/sign-in\n\nForgot your password? Set a new one:\n${publicUrl}/forgot-password\n\nIf it was not you, you can ignore this message: nothing was changed.\n`,
    };
  },
  reset(to: string, url: string): MailMessage {
    return {
      to,
      subject: 'Reset your password',
      text: `Use this link to choose a new password:\n\n${url}\n\nThe link works once and expires in 30 minutes. If you did not ask for it, ignore this message: your password is unchanged.\n`,
    };
  },
  locked(to: string, until: Date, publicUrl: string, unlockUrl: string): MailMessage {
    return {
      to,
      subject: 'Your account was locked after failed sign-ins',
      text: `There were several failed attempts to sign in to your Palisade account, so sign-ins from browsers that have not signed in to it before are locked until ${until.toISOString()}. A browser you signed in with before is not locked.\n\nIs it you, on a new browser? Open this link in that browser to let it sign in now (it works once and expires in 24 hours; the lock stays for everyone else):\n\n${unlockUrl}\n\nIf this was not you, someone may be guessing your password: consider setting a new one:\n\n${publicUrl}/forgot-password\n`,
    };
  },
  passwordChanged(to: string): MailMessage {
    return {
      to,
      subject: 'Your password was changed',
      text: 'The password of your Palisade account was just changed, and your other sessions were signed out.\nIf this was not you, reset your password now and contact your administrator.\n',
    };
  },
  invitation(to: string, orgName: string, url: string): MailMessage {
    return {
      to,
      subject: `You are invited to join ${orgName} on Palisade`,
      text: `You have been invited to join the organisation "${orgName}".\n\nSign in (or create an account with this address), then accept:\n\n${url}\n\nThe invitation works once, only for this address, and expires in 7 days.\n`,
    };
  },
  mfaEnabled(to: string, what: string): MailMessage {
    return {
      to,
      subject: 'A second factor was added to your account',
      text: `${what} was just added to your Palisade account as a second factor.\nIf this was not you, sign in, remove it and change your password, and contact your administrator.\n`,
    };
  },
  mfaRemoved(to: string, what: string): MailMessage {
    return {
      to,
      subject: 'A second factor was removed from your account',
      text: `${what} was just removed from your Palisade account.\nIf this was not you, sign in and change your password now, and contact your administrator.\n`,
    };
  },
  recoveryCodeUsed(to: string, left: number): MailMessage {
    return {
      to,
      subject: 'A recovery code was used to sign in',
      text: `One of your recovery codes was just used to sign in to your Palisade account. ${left} unused code${left === 1 ? '' : 's'} left.\nIf this was not you, someone has your password and a recovery code: change your password and create new recovery codes now.\n`,
    };
  },
  recoveryCodesReplaced(to: string): MailMessage {
    return {
      to,
      subject: 'New recovery codes were created',
      text: 'A new set of recovery codes was created for your Palisade account; the earlier codes no longer work.\nIf this was not you, sign in and change your password now.\n',
    };
  },
  mfaLocked(to: string, until: Date): MailMessage {
    return {
      to,
      subject: 'Second-factor sign-in locked after wrong codes',
      text: `Several wrong second-factor codes were entered after a correct password for your Palisade account, so the second step is locked until ${until.toISOString()}.\nWhoever did this knows your password: change it as soon as you can.\n`,
    };
  },
};
