/**
 * The description of a project as a form: title, summary, sector, region and settlement,
 * organisation, status (once it exists) and budget. Shared by the "new project" form and the
 * overview's edit form; the values go to `project.create` or `project.update` as they are.
 */
import type { Project } from '@mekendesh/core';
import { PROJECT_STATUSES_UI } from './statuses.ts';
import { useT } from '../locale.tsx';
import { MoneyFields, PField, type ProjectReference, type Refusal } from './kit.tsx';
import { DEFAULT_CURRENCY, amountText, digitsOf, parseAmount, type Currency } from './money.ts';
import type { Key } from '../../i18n/index.ts';

/** The form's values as typed. */
export interface ProjectValues {
  title: string;
  summary: string;
  sector: string;
  region: string;
  settlement: string;
  organisation: string;
  status: Project['status'];
  budget: string;
  budgetCurrency: string;
}

export const EMPTY_PROJECT: ProjectValues = {
  title: '', summary: '', sector: '', region: '', settlement: '', organisation: '', status: 'draft', budget: '', budgetCurrency: DEFAULT_CURRENCY,
};

export const valuesOf = (p: Project, currencies: readonly Currency[]): ProjectValues => ({
  title: p.title,
  summary: p.summary ?? '',
  sector: p.sector,
  region: p.region,
  settlement: p.settlement ?? '',
  organisation: p.organisation ?? '',
  status: p.status,
  budget: p.budgetAmount === null ? '' : amountText(p.budgetAmount, digitsOf(currencies, p.budgetCurrency ?? '')),
  budgetCurrency: p.budgetCurrency ?? DEFAULT_CURRENCY,
});

/**
 * The fields of `project.create`/`project.update` from the form, or the budget's issue when it
 * is not an amount. Empty choices are sent as null, so the engine names them as required.
 */
export function fieldsOf(v: ProjectValues, currencies: readonly Currency[]): { fields: Record<string, unknown> } | { budgetIssue: Key } {
  const text = (s: string) => s.trim() || null;
  let budgetAmount: number | null = null;
  if (v.budget.trim() !== '') {
    budgetAmount = parseAmount(v.budget, digitsOf(currencies, v.budgetCurrency));
    if (budgetAmount === null) return { budgetIssue: 'project.amountInvalid' };
  }
  return {
    fields: {
      title: v.title.trim(),
      summary: text(v.summary),
      sector: v.sector || null,
      region: v.region || null,
      settlement: v.settlement || null,
      organisation: text(v.organisation),
      status: v.status,
      budgetAmount,
      budgetCurrency: budgetAmount === null ? null : v.budgetCurrency,
    },
  };
}

/** Reason codes about money name the budget's fields in this form. */
export const BUDGET_FIELDS = { amount: 'budgetAmount', currency: 'budgetCurrency' };

export function ProjectFieldsEditor({
  values,
  onChange,
  errors,
  labels,
  currencies,
  withStatus,
}: {
  values: ProjectValues;
  onChange(next: Partial<ProjectValues>): void;
  errors: Refusal['fields'];
  labels: ProjectReference;
  currencies: readonly Currency[];
  withStatus: boolean;
}) {
  const tr = useT();
  const settlements = labels.settlements.filter((s) => s.region === values.region);
  return (
    <>
      <PField label={tr('project.field.title')} error={errors.title}>
        {(a) => <input {...a} maxLength={160} value={values.title} onChange={(e) => onChange({ title: e.target.value })} />}
      </PField>
      <PField label={tr('project.field.summary')} error={errors.summary} hint={tr('project.field.summaryHint')}>
        {(a) => <textarea {...a} rows={3} maxLength={4000} value={values.summary} onChange={(e) => onChange({ summary: e.target.value })} />}
      </PField>
      <PField label={tr('project.field.sector')} error={errors.sector}>
        {(a) => (
          <select {...a} value={values.sector} onChange={(e) => onChange({ sector: e.target.value })}>
            <option value="">{tr('transfer.choose')}</option>
            {labels.sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {labels.item(s)}
              </option>
            ))}
          </select>
        )}
      </PField>
      <div className="pair">
        <PField label={tr('project.field.region')} error={errors.region}>
          {(a) => (
            <select
              {...a}
              value={values.region}
              onChange={(e) => {
                const region = e.target.value;
                onChange({ region, settlement: labels.settlements.some((s) => s.id === values.settlement && s.region === region) ? values.settlement : '' });
              }}
            >
              <option value="">{tr('transfer.choose')}</option>
              {labels.regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {labels.item(r)}
                </option>
              ))}
            </select>
          )}
        </PField>
        <PField label={tr('project.field.settlement')} error={errors.settlement}>
          {(a) => (
            <select {...a} value={values.settlement} disabled={!values.region} onChange={(e) => onChange({ settlement: e.target.value })}>
              <option value="">{tr(values.region ? 'project.field.wholeRegion' : 'project.field.regionFirst')}</option>
              {settlements.map((s) => (
                <option key={s.id} value={s.id}>
                  {labels.item(s)}
                </option>
              ))}
            </select>
          )}
        </PField>
      </div>
      <PField label={tr('project.field.organisation')} error={errors.organisation} hint={tr('project.field.organisationHint')}>
        {(a) => <input {...a} maxLength={200} value={values.organisation} onChange={(e) => onChange({ organisation: e.target.value })} />}
      </PField>
      {withStatus ? (
        <PField label={tr('project.field.status')} error={errors.status}>
          {(a) => (
            <select {...a} value={values.status} onChange={(e) => onChange({ status: e.target.value as Project['status'] })}>
              {PROJECT_STATUSES_UI.map((s) => (
                <option key={s} value={s}>
                  {tr(`project.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </PField>
      ) : null}
      <MoneyFields
        amountLabel={tr('project.field.budget')}
        amount={values.budget}
        currency={values.budgetCurrency}
        currencies={currencies}
        errors={errors}
        names={{ amount: 'budgetAmount', currency: 'budgetCurrency' }}
        onAmount={(budget) => onChange({ budget })}
        onCurrency={(budgetCurrency) => onChange({ budgetCurrency })}
      />
    </>
  );
}
