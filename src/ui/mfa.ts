import * as vscode from 'vscode';

/** Asks for the MFA code of an assumed-role profile; undefined when the user cancels. */
export async function askMfaCode(profile: string, mfaSerial: string): Promise<string | undefined> {
  const code = await vscode.window.showInputBox({
    title: `MFA code for profile "${profile}"`,
    prompt: `Enter the 6-digit code of ${mfaSerial}`,
    ignoreFocusOut: true,
    password: false,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'The MFA code is 6 digits.'),
  });
  return code?.trim();
}
