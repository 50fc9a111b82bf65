import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { InvitationView, ManagedAssociation } from '../../../src/backend/leader.ts';
import { call, errorKey } from '../bridge.ts';
import { useFormat, useT } from './locale.tsx';
import { svgDataUrl } from './svg.ts';

type Status = 'waiting' | 'active' | 'revoked' | 'expired' | 'used';
const statusOf = (i: InvitationView, now: number): Status =>
  !i.confirmed ? 'waiting' : i.revokedAt ? 'revoked' : Date.parse(i.expiresAt) <= now ? 'expired' : i.uses >= i.maxUses ? 'used' : 'active';

/** Invitation codes: create (days valid, uses, approval), list with status, revoke, and a printable QR card. */
export function Invitations({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [list, setList] = useState<InvitationView[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [card, setCard] = useState<{ invitation: InvitationView; link: string; src: string } | null>(null);
  const load = useCallback(() => {
    call('invitations', { associationId: association.id }).then(setList, (err: unknown) => setMessage({ ok: false, text: tr(errorKey(err)) }));
  }, [association.id, tr]);
  useEffect(load, [load, version]);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      await call('createInvitation', {
        associationId: association.id,
        days: Number(form.get('days')),
        maxUses: Number(form.get('maxUses')),
        requiresApproval: form.get('requiresApproval') === 'on',
      });
      setMessage({ ok: true, text: tr('invitations.created') });
      load();
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };
  const revoke = async (i: InvitationView) => {
    try {
      await call('revokeInvitation', { id: i.id });
      load();
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };
  const showQr = async (i: InvitationView) => {
    try {
      const { link, svg } = await call('invitationQr', { id: i.id });
      const src = svgDataUrl(svg);
      if (!src) throw { code: 'internal' };
      setCard({ invitation: i, link, src });
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };

  const now = Date.now();
  return (
    <>
      <section className="card wide no-print" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{tr('invitations.title')}</h2>
        <form onSubmit={(e) => void create(e)} aria-label={tr('invitations.create')} className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-days`}>{tr('invitations.days')}</label>
            <input id={`${id}-days`} name="days" type="number" min={1} max={365} defaultValue={30} required />
          </div>
          <div className="field">
            <label htmlFor={`${id}-uses`}>{tr('invitations.maxUses')}</label>
            <input id={`${id}-uses`} name="maxUses" type="number" min={1} max={10000} defaultValue={50} required />
          </div>
          <label className="check">
            <input type="checkbox" name="requiresApproval" defaultChecked />
            {tr('invitations.requiresApproval')}
          </label>
          <button type="submit">{tr('invitations.create')}</button>
        </form>
        {message ? (
          <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        ) : null}
        {list === null ? <p>{tr('shell.loading')}</p> : list.length === 0 ? <p>{tr('invitations.none')}</p> : null}
        {list && list.length > 0 ? (
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">{tr('invitations.code')}</th>
                <th scope="col">{tr('invitations.status')}</th>
                <th scope="col">{tr('invitations.expires')}</th>
                <th scope="col">{tr('invitations.uses')}</th>
                <th scope="col">{tr('invitations.approval')}</th>
                <th scope="col">{tr('invitations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => {
                const st = statusOf(i, now);
                const label = i.confirmed ? i.code : tr('invitations.waiting');
                return (
                  <tr key={i.id}>
                    <td className="code">{label}</td>
                    <td>{tr(`invitations.status.${st}`)}</td>
                    <td>{fmt.stamp(i.expiresAt)}</td>
                    <td>{tr('invitations.usesOf', { uses: fmt.num(i.uses), max: fmt.num(i.maxUses) })}</td>
                    <td>{i.requiresApproval ? tr('common.yes') : tr('common.no')}</td>
                    <td>
                      <button type="button" disabled={st !== 'active'} onClick={() => void showQr(i)} aria-label={tr('invitations.qrFor', { code: label })}>
                        {tr('invitations.qr')}
                      </button>{' '}
                      <button type="button" disabled={st === 'revoked' || st === 'waiting'} onClick={() => void revoke(i)} aria-label={tr('invitations.revokeFor', { code: label })}>
                        {tr('invitations.revoke')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>
      {card ? (
        <section className="card print-card" aria-labelledby={`${id}-card`}>
          <h2 id={`${id}-card`}>{association.name}</h2>
          <p>{tr('invitations.cardInvite')}</p>
          <img src={card.src} alt={tr('invitations.qrAlt', { code: card.invitation.code })} width={240} height={240} />
          <p className="code big">{card.invitation.code}</p>
          <p className="link-text">{card.link}</p>
          <p className="no-print">
            <button type="button" onClick={() => window.print()}>
              {tr('invitations.print')}
            </button>{' '}
            <button type="button" onClick={() => setCard(null)}>
              {tr('common.close')}
            </button>
          </p>
        </section>
      ) : null}
    </>
  );
}
