/** Inline confirmation before a profile change that deletes data from this computer. */
export function PurgeConfirm({
  message,
  onConfirm,
  onCancel,
}: {
  message: string
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <div className="problem" role="alertdialog" aria-label="Confirmer le changement de profil">
      <p>{message}</p>
      <button type="button" className="primary-button" onClick={onConfirm}>
        Changer de profil et supprimer ces données
      </button>{' '}
      <button type="button" className="secondary-button" onClick={onCancel} autoFocus>
        Garder le profil actuel
      </button>
    </div>
  )
}
