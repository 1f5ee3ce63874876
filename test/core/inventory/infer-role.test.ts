import { describe, expect, it } from 'vitest';
import { inferRole, inferSqlEdition } from '../../../core/inventory/infer-role';

const evidence = (over: Partial<Parameters<typeof inferRole>[0]>) => ({
  name: 'SRV-001',
  os: 'Windows Server 2019',
  applications: [],
  notes: '',
  sqlEdition: 'none' as const,
  ...over,
});

describe('role inference', () => {
  it('reads RPA and SQL Server products from the applications, before the name', () => {
    expect(inferRole(evidence({ applications: ['UiPath Robot 23.10'] }))).toEqual({
      role: 'bot',
      basis: 'its application "UiPath Robot 23.10"',
    });
    expect(inferRole(evidence({ applications: ['UiPath Orchestrator 2023.4'] })).role).toBe('control-room');
    expect(inferRole(evidence({ applications: ['Blue Prism Runtime Resource 7.2'] })).role).toBe('bot');
    expect(
      inferRole(evidence({ name: 'BOT-SQL-01', applications: ['Microsoft SQL Server 2019 Standard'] })).role,
    ).toBe('sql');
  });

  it('does not make a server a SQL Server for a bundled SQL Server Express', () => {
    expect(
      inferRole(evidence({ name: 'APPSRV-3', applications: ['Microsoft SQL Server 2017 Express'] })).role,
    ).toBe('app');
  });

  it('honours a role tag, then the name, then free-text notes', () => {
    expect(inferRole(evidence({ notes: 'env:prod, role:control-room' })).role).toBe('control-room');
    expect(inferRole(evidence({ name: 'PRDDB02' })).role).toBe('sql');
    expect(inferRole(evidence({ notes: 'Automation Anywhere Bot Runner (unattended)' })).role).toBe('bot');
    expect(inferRole(evidence({})).basis).toMatch(/nothing in the file/);
  });

  it('names the SQL Server edition an application states, and flags editions not licensed for production', () => {
    expect(inferSqlEdition(['Microsoft SQL Server 2019 Enterprise'])).toEqual({
      edition: 'enterprise',
      source: 'Microsoft SQL Server 2019 Enterprise',
    });
    expect(inferSqlEdition(['SQL Server 2022 Developer'])).toMatchObject({
      edition: null,
      unlicensable: true,
    });
    expect(inferSqlEdition(['Office 365'])).toBeNull();
  });
});
