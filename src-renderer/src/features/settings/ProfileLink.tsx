import './settings.css';

/** The way into the organisation profile, for the library's top bar. */
export function ProfileLink() {
  return (
    <a className="profile-link" href="#/profile">
      Organisation profile
    </a>
  );
}
