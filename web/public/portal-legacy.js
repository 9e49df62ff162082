// Runs only in browsers without ES modules (the portal page loads it with `nomodule`): the app
// cannot run there, so the page says so under the phone numbers instead of loading for ever.
(function () {
  var old = document.getElementById('shell-old')
  if (old) old.style.display = 'block'
  var notes = document.getElementsByClassName('shell-note')
  for (var i = 0; i < notes.length; i++) {
    if (notes[i].getAttribute('data-testid') === 'shell-loading') notes[i].style.display = 'none'
  }
})()
