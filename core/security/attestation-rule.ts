import { manual, type SecurityRule } from './rule';

type AttestationSpec = Omit<SecurityRule, 'mode' | 'check' | 'checkTemplate' | 'fixTopology'> & {
  /** Why the design cannot show it (an account setting, a procedure, a setting inside Windows…). */
  outsideDesign: string;
};

/**
 * A checklist item the design cannot decide: it stays `manual` until the architect signs it off
 * with the customer (who, when, how), and no template change can satisfy it.
 */
export function attestationRule(spec: AttestationSpec): SecurityRule {
  const { outsideDesign, ...rest } = spec;
  return {
    ...rest,
    mode: 'attestation',
    check: () => manual(outsideDesign),
    fixTopology: () => null,
  };
}
