import '../settings/settings.css';

/** The way into the newsroom screen, for the library's top bar (styled as the profile link beside it). */
export function NewsroomLink() {
  return (
    <a className="profile-link" href="#/newsroom">
      Newsroom
    </a>
  );
}
