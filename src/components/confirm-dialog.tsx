// A destructive or far-reaching action asks first: a titled modal dialog with the consequence, Cancel and the
// action (a danger action in red.9: white on red.8 is 4.48:1, just under AA). The caller passes every label (so
// this component needs no catalog) and the error of a failed attempt, which stays in the dialog so the user can
// retry or cancel.
import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert.tsx';

export type ConfirmDialogProps = {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  danger?: boolean;
  error?: unknown;
};

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, title, children, confirmLabel, cancelLabel, onConfirm, onClose, pending = false, danger = false, error } = props;
  return (
    <Modal opened={opened} onClose={pending ? () => undefined : onClose} title={title} centered withCloseButton={false}>
      <Stack gap="md">
        {children}
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>
            {cancelLabel}
          </Button>
          <Button color={danger ? 'red.9' : undefined} onClick={onConfirm} loading={pending} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
