// /clusters/new: the create-cluster wizard. The whole input lives in one reducer here, so stepping back and forth
// or a refused request never loses what was typed; the step is in the URL (?step=network). Every change rebuilds
// the request body and checks it with createClusterBodySchema; Next is blocked by the step's own issues.
import { Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { PageBreadcrumbs } from '../../components/page-breadcrumbs.tsx';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { addonQueries } from '../../api/addon-queries.ts';
import { isApiError } from '../../api/api-error.ts';
import { clusterQueries, useCreateCluster } from '../../api/cluster-queries.ts';
import { useConsoleConfig } from '../../api/console-queries.ts';
import { upgradeQueries } from '../../api/upgrade-queries.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClusterWizardAddons } from './cluster-wizard-addons.tsx';
import { ClusterWizardBasics } from './cluster-wizard-basics.tsx';
import { addonTemplateName, addonVersionToInstall, offeredClusterVersions } from './cluster-wizard-catalog.ts';
import {
  fieldInputId,
  fieldOfServerError,
  isWizardStep,
  stepOfField,
  wizardSteps,
  type WizardField,
  type WizardStep,
} from './cluster-wizard-fields.ts';
import {
  chosenVersion,
  currentServerFieldError,
  initialWizardState,
  issuesOfField,
  issuesOfStep,
  showsErrorsOf,
  validateWizard,
  wizardReducer,
} from './cluster-wizard-form.ts';
import { ClusterWizardNetwork } from './cluster-wizard-network.tsx';
import { ClusterWizardReview } from './cluster-wizard-review.tsx';
import type { FieldErrorOf } from './cluster-wizard-step-props.ts';
import { ClusterWizardTags } from './cluster-wizard-tags.tsx';
import classes from './cluster-wizard-page.module.css';
import { issueText, stepLabel } from './cluster-wizard-text.ts';

const stepHeadingId = 'cluster-wizard-step-heading';

export function ClusterWizardPage() {
  const { t } = useI18n();
  const { projectId } = useConsoleConfig();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const stepParam = searchParams.get('step');
  const step: WizardStep = isWizardStep(stepParam) ? stepParam : 'basics';
  const stepIndex = wizardSteps.indexOf(step);

  const [state, dispatch] = useReducer(wizardReducer, undefined, initialWizardState);
  const paths = useQuery(upgradeQueries.paths(projectId));
  const templates = useQuery(addonQueries.templateList(projectId));
  const clusters = useQuery(clusterQueries.list(projectId));
  const create = useCreateCluster(projectId);

  const offered = useMemo(() => (paths.data ? offeredClusterVersions(paths.data) : []), [paths.data]);
  const version = chosenVersion(state.form, offered);
  const validation = useMemo(
    () => validateWizard(state.form, { version, templates: templates.data?.items, clusters: clusters.data?.items }),
    [state.form, version, templates.data, clusters.data],
  );
  const addonVersions = useMemo(() => {
    const versions = new Map<string, string>();
    for (const template of templates.data?.items ?? []) {
      const installs = version ? addonVersionToInstall(template, version) : null;
      if (installs) versions.set(addonTemplateName(template), installs);
    }
    return versions;
  }, [templates.data, version]);
  const serverFieldError = currentServerFieldError(state);

  // Focus moves after the render that shows its target (the new step's heading, or the first field to fix); the
  // router may commit the new step a render later than the reducer's change, hence the step in the request.
  const pendingFocus = useRef<{ id: string; step: WizardStep } | null>(null);
  useEffect(() => {
    const pending = pendingFocus.current;
    if (pending === null || pending.step !== step) return;
    pendingFocus.current = null;
    document.getElementById(pending.id)?.focus();
  });

  const errorOf: FieldErrorOf = (field) => {
    const messages = showsErrorsOf(state, field)
      ? issuesOfField(validation.issues, field).map((issue) => issueText(t, issue.message))
      : [];
    if (serverFieldError?.field === field) messages.push(serverFieldError.message);
    return messages.length > 0 ? [...new Set(messages)].join('; ') : undefined;
  };

  const goTo = (next: WizardStep, focusId: string = stepHeadingId) => {
    pendingFocus.current = { id: focusId, step: next };
    setSearchParams(next === 'basics' ? {} : { step: next });
  };

  const goToField = (field: WizardField) => {
    const target = stepOfField(field);
    dispatch({ type: 'attempt', step: target });
    goTo(target, fieldInputId(field));
  };

  const next = () => {
    const own = issuesOfStep(validation.issues, step);
    const first = own[0];
    if (first) {
      dispatch({ type: 'attempt', step });
      pendingFocus.current = { id: fieldInputId(first.field), step };
      return;
    }
    const following = wizardSteps[stepIndex + 1];
    if (following) goTo(following);
  };

  const submit = () => {
    if (validation.issues.length > 0) {
      for (const s of wizardSteps) dispatch({ type: 'attempt', step: s });
      pendingFocus.current = { id: 'cluster-wizard-issues', step };
      return;
    }
    dispatch({ type: 'serverFieldError', error: null });
    const sentSubnets = { subnet: state.form.subnet, eniSubnets: state.form.eniSubnets.map((row) => row.subnetID) };
    create.mutate(validation.body, {
      onSuccess: (cluster) => {
        void navigate(`/clusters/${encodeURIComponent(cluster.metadata.uid ?? cluster.metadata.name)}`);
      },
      onError: (error) => {
        // the ErrorAlert (role=alert) announces itself; the field it names is one click away
        dispatch({ type: 'serverFieldError', error: isApiError(error) ? fieldOfServerError(error, sentSubnets) : null });
      },
    });
  };

  const stepProps = { state, dispatch, errorOf };
  const ownIssueCount = issuesOfStep(validation.issues, step).length;

  return (
    <Stack gap="lg" className={classes.root}>
      <PageBreadcrumbs label={t('common.breadcrumbs')} items={[{ label: t('clusters.title'), to: '/clusters' }, { label: t('wizard.title') }]} />
      <Title order={1}>{t('wizard.title')}</Title>

      <Stepper
        active={stepIndex}
        onStepClick={(index) => {
          const target = wizardSteps[index];
          if (target) goTo(target);
        }}
        allowNextStepsSelect={false}
        size="sm"
        aria-label={t('wizard.steps')}
      >
        {wizardSteps.map((s) => (
          <Stepper.Step key={s} label={stepLabel(t, s)} />
        ))}
      </Stepper>

      <Stack gap="md" component="section" aria-labelledby={stepHeadingId}>
        <Title order={2} id={stepHeadingId} tabIndex={-1}>
          {t('wizard.stepHeading', { n: stepIndex + 1, total: wizardSteps.length, step: stepLabel(t, step) })}
        </Title>
        {step === 'basics' ? (
          <ClusterWizardBasics
            {...stepProps}
            versions={{
              versions: offered,
              chosen: version,
              isPending: paths.isPending,
              error: paths.error,
              retry: () => void paths.refetch(),
            }}
          />
        ) : step === 'network' ? (
          <ClusterWizardNetwork {...stepProps} />
        ) : step === 'addons' ? (
          <ClusterWizardAddons
            {...stepProps}
            version={version}
            catalog={{
              templates: templates.data?.items,
              isPending: templates.isPending,
              error: templates.error,
              retry: () => void templates.refetch(),
            }}
          />
        ) : step === 'tags' ? (
          <ClusterWizardTags {...stepProps} />
        ) : (
          <ClusterWizardReview
            form={state.form}
            body={validation.body}
            version={version}
            addonVersions={addonVersions}
            issues={validation.issues}
            submitError={create.error}
            serverFieldError={serverFieldError}
            onEdit={(target) => goTo(target)}
            onGoToField={goToField}
          />
        )}
      </Stack>

      {ownIssueCount > 0 && state.attempted[step] && step !== 'review' ? (
        <Text id="cluster-wizard-next-hint" size="sm" c="var(--mantine-color-red-text)" role="status">
          {t('wizard.fixStep', { count: ownIssueCount })}
        </Text>
      ) : null}
      <Group justify="space-between">
        <Button component={Link} to="/clusters" variant="subtle">
          {t('wizard.cancel')}
        </Button>
        <Group>
          {stepIndex > 0 ? (
            <Button variant="default" onClick={() => goTo(wizardSteps[stepIndex - 1] ?? 'basics')}>
              {t('wizard.back')}
            </Button>
          ) : null}
          {step === 'review' ? (
            <Button onClick={submit} loading={create.isPending}>
              {t('wizard.submit')}
            </Button>
          ) : (
            <Button onClick={next} aria-describedby={ownIssueCount > 0 && state.attempted[step] ? 'cluster-wizard-next-hint' : undefined}>
              {t('wizard.next')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
