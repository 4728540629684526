// What every step of the create wizard gets from the page: the whole state, the reducer's dispatch, and the
// (already translated, already filtered by "touched or attempted") error text of a field.
import type { Dispatch } from 'react';
import type { WizardAction, WizardState } from './cluster-wizard-form.ts';
import type { WizardField } from './cluster-wizard-fields.ts';

export type FieldErrorOf = (field: WizardField) => string | undefined;

export type WizardStepProps = {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  errorOf: FieldErrorOf;
};
