import type { ReactNode } from 'react';
import { STRATEGY_NAME_MAX } from '../../../../shared/ipc/schemas/strategies';
import { NameDialog as AskName } from '../../../ui/NameDialog';

interface StrategyNameDialogProps {
  title: string;
  submitLabel: string;
  initialName: string;
  /** Name optional: an empty field lets core pick a free one. */
  optional?: boolean;
  children?: ReactNode;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
}

/** Asks for a strategy name (new, rename); core's refusal (a taken name) is shown in place. */
export function NameDialog(props: StrategyNameDialogProps) {
  return <AskName {...props} maxLength={STRATEGY_NAME_MAX} emptyMessage="A strategy needs a name." />;
}
