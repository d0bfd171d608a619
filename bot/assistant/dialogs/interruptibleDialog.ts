import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { actionValueOf } from '../actionValues.js';
import type { ConversationCommands } from '../conversationCommands.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { Phrasebook } from '../phrasebook.js';

export interface InterruptionDeps {
  memory: ConversationMemory;
  phrasebook: Phrasebook;
  commands: ConversationCommands;
}

/**
 * A component dialog that checks every message for help, restart and cancel before its inner
 * dialogs see it, as core-bot's CancelAndHelpDialog does, but with the keywords of every language
 * from the resources. Help leaves the running dialog waiting; cancel and restart end it.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    private readonly interruptions: InterruptionDeps,
  ) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = innerDc.context;
    const text = activity.text?.trim();
    // A button's value is an answer to the dialog, whatever its visible text.
    if (activity.type !== ActivityTypes.Message || !text || actionValueOf(activity.value)) return undefined;
    const { memory, phrasebook, commands } = this.interruptions;
    if (phrasebook.isWhole('help', text)) {
      await commands.help(innerDc.context, await memory.locale(innerDc.context));
      return Dialog.EndOfTurn;
    }
    if (phrasebook.isWhole('cancel', text)) {
      await commands.cancel(innerDc.context, await memory.locale(innerDc.context), true);
      return innerDc.cancelAllDialogs();
    }
    if (phrasebook.isWhole('restart', text)) {
      await commands.restart(innerDc.context, await memory.locale(innerDc.context));
      return innerDc.cancelAllDialogs();
    }
    return undefined;
  }
}
