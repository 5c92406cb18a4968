/*
 * Kairos browser snippet: sends a website's events to Kairos' tracking API (/v1/batch).
 *
 *   kairos.load('kai_pub_…', { host: 'https://kairos.example.com' })
 *   kairos.track('viewed_product', { sku: 'A-1' })
 *   kairos.identify('u42', { email: 'li@example.com' })
 *
 * Plain JavaScript, no dependencies, no build step: this file is what browsers run. Calls
 * made before it loaded (the install code's stub queues them in `kairos.calls`) are replayed.
 * Events wait in a queue and leave in batches (after `flushAt` events or `flushInterval` ms,
 * and when the page is hidden, by sendBeacon or fetch keepalive); a batch that meets a
 * network error, a 429 or a 5xx is sent again with backoff, with the same messageIds, so
 * Kairos stores each event once. See docs/tracking.md.
 */
(function (window, document) {
  'use strict'
  var stub = window.kairos
  if (stub && stub.loaded) return

  var VERSION = '1'
  var ANON_KEY = 'kairos_anonymous_id'
  var USER_KEY = 'kairos_user_id'
  /** A keepalive request or beacon may carry 64 KB at most; stay under it. */
  var BEACON_BYTES = 60000
  /** Kairos takes 500 KB per batch; stay under it. */
  var BATCH_BYTES = 450000
  var MAX_BACKOFF_MS = 60000

  var script = document.currentScript
  var options = { host: script && script.src ? new URL(script.src).origin : '', flushAt: 20, flushInterval: 2000, maxAttempts: 10 }
  var writeKey = null
  var queue = []
  var timer = null
  var inFlight = null
  var attempts = 0
  var waiters = []

  // -- storage: localStorage, or a first-party cookie where it is blocked ------------------
  function read(key) {
    try {
      var value = window.localStorage.getItem(key)
      if (value !== null) return value
    } catch (e) { /* storage blocked: fall back to the cookie */ }
    var match = document.cookie.match(new RegExp('(?:^|; )' + key + '=([^;]*)'))
    return match ? decodeURIComponent(match[1]) : null
  }
  function write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key)
      else window.localStorage.setItem(key, value)
    } catch (e) { /* storage blocked: the cookie below keeps it */ }
    var expires = value === null ? 'Thu, 01 Jan 1970 00:00:00 GMT' : new Date(Date.now() + 365 * 864e5).toUTCString()
    document.cookie = key + '=' + encodeURIComponent(value || '') + '; expires=' + expires + '; path=/; SameSite=Lax'
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID()
    var bytes = new Uint8Array(16)
    window.crypto.getRandomValues(bytes)
    bytes[6] = (bytes[6] & 15) | 64
    bytes[8] = (bytes[8] & 63) | 128
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1) }).join('')
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20)
  }

  function anonymousId() {
    var id = read(ANON_KEY)
    if (!id) write(ANON_KEY, (id = uuid()))
    return id
  }

  // -- messages ---------------------------------------------------------------------------
  function enqueue(message) {
    var userId = read(USER_KEY)
    if (userId && !message.userId) message.userId = userId
    message.anonymousId = anonymousId()
    message.messageId = uuid()
    message.originalTimestamp = new Date().toISOString()
    message.context = {
      library: { name: 'kairos.js', version: VERSION },
      page: { url: window.location.href, path: window.location.pathname, referrer: document.referrer, title: document.title },
      userAgent: window.navigator.userAgent,
    }
    queue.push(message)
    if (queue.length >= options.flushAt) flush()
    else if (!timer && !inFlight) timer = window.setTimeout(flush, options.flushInterval)
  }

  /** The next batch: up to flushAt messages, and under `bytes`. */
  function take(bytes) {
    var batch = []
    var size = 100
    while (batch.length < Math.max(options.flushAt, 1) && queue.length > 0) {
      var next = JSON.stringify(queue[0]).length + 1
      if (batch.length > 0 && size + next > bytes) break
      size += next
      batch.push(queue.shift())
    }
    return batch
  }

  function body(batch) {
    return JSON.stringify({ batch: batch, sentAt: new Date().toISOString(), writeKey: writeKey })
  }

  function settle() {
    if (queue.length > 0 || inFlight) return
    var done = waiters
    waiters = []
    done.forEach(function (resolve) { resolve() })
  }

  /** Sends what is queued, one batch at a time; a failed batch goes back to the front of the queue. */
  function flush() {
    if (timer) window.clearTimeout(timer), (timer = null)
    if (inFlight || !writeKey || queue.length === 0) return settle()
    var batch = (inFlight = take(BATCH_BYTES))
    // text/plain keeps it a CORS "simple" request: no preflight before each batch.
    window.fetch(options.host + '/v1/batch', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: body(batch), credentials: 'omit' })
      .then(function (response) {
        if (response.ok) return sent()
        if (response.status === 429 || response.status >= 500) return failed(batch, response.headers.get('retry-after'))
        // Anything else is a batch Kairos will never take (a bad key, a bad field): retrying cannot help.
        return response.text().then(function (text) {
          if (window.console) window.console.warn('[kairos] batch refused (' + response.status + '): ' + text)
          sent()
        })
      }, function () { failed(batch, null) })
  }

  function sent() {
    inFlight = null
    attempts = 0
    if (queue.length > 0) flush()
    else settle()
  }

  function failed(batch, retryAfter) {
    inFlight = null
    attempts += 1
    if (attempts >= options.maxAttempts) {
      if (window.console) window.console.warn('[kairos] dropped ' + batch.length + ' events after ' + attempts + ' attempts')
      attempts = 0
      return queue.length > 0 ? flush() : settle()
    }
    queue = batch.concat(queue)
    var wait = retryAfter ? Number(retryAfter) * 1000 : Math.min(MAX_BACKOFF_MS, 500 * Math.pow(2, attempts))
    timer = window.setTimeout(flush, wait * (0.8 + Math.random() * 0.4))
  }

  /** The page is going away: hand everything queued to the browser, which sends it after the page is gone. */
  function flushOnExit() {
    if (!writeKey) return
    if (inFlight) queue = inFlight.concat(queue), (inFlight = null)
    while (queue.length > 0) {
      var payload = body(take(BEACON_BYTES))
      var url = options.host + '/v1/batch'
      var queued = window.navigator.sendBeacon && window.navigator.sendBeacon(url, new Blob([payload], { type: 'text/plain' }))
      if (!queued) window.fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: payload, keepalive: true, credentials: 'omit' }).catch(function () {})
    }
  }

  // -- the public surface -----------------------------------------------------------------
  var kairos = {
    loaded: true,
    version: VERSION,
    /** Starts sending with the public key; options: host, flushAt (20), flushInterval (2000 ms), maxAttempts (10). */
    load: function (key, settings) {
      writeKey = key
      for (var name in settings || {}) options[name] = settings[name]
      options.host = String(options.host).replace(/\/+$/, '')
      if (queue.length > 0) flush()
    },
    /** Records an event for this visitor (or the user identify named). */
    track: function (event, properties) {
      enqueue({ type: 'track', event: event, properties: properties || {} })
    },
    /** Names the visitor (their external id in Kairos) and sets their attributes; identify(traits) sets attributes only. */
    identify: function (userId, traits) {
      if (typeof userId === 'object' && userId !== null) (traits = userId), (userId = null)
      if (userId !== null && userId !== undefined) write(USER_KEY, String(userId))
      enqueue({ type: 'identify', traits: traits || {} })
    },
    /** Records a page view (the event page_viewed). */
    page: function (name, properties) {
      if (typeof name === 'object' && name !== null) (properties = name), (name = undefined)
      enqueue({ type: 'page', name: name, properties: properties || {} })
    },
    /** Forgets the user and starts a new anonymous id (on log out). */
    reset: function () {
      write(USER_KEY, null)
      write(ANON_KEY, null)
    },
    /** Sends what is queued now; the promise settles when nothing is left to send. */
    flush: function () {
      return new Promise(function (resolve) {
        waiters.push(resolve)
        flush()
      })
    },
    anonymousId: anonymousId,
    userId: function () { return read(USER_KEY) },
  }

  window.addEventListener('pagehide', flushOnExit)
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flushOnExit()
  })

  var calls = (stub && stub.calls) || []
  window.kairos = kairos
  for (var i = 0; i < calls.length; i++) kairos[calls[i][0]].apply(kairos, calls[i].slice(1))
})(window, document)
