#!/usr/bin/env node
// The real Bluesky PDS (@atproto/pds) for the test suite: offline, loopback only, throwaway.
//
// Its DID directory (did:plc) runs in this process from @did-plc/server's in-memory MockDatabase,
// on an ephemeral port, so nothing reaches the internet. Configuration comes from the PDS's own
// PDS_* variables; PDS_PORT and PDS_DATA_DIRECTORY are required, everything else has a test default.
// When ready it prints one JSON line {"ready": true, "url": ..., ...}; SIGTERM stops it, and so does
// the end of stdin when EXIT_ON_STDIN_EOF=1 (the test session died without stopping us).
'use strict'
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const HOST = '127.0.0.1'
const env = process.env

function required(name) {
  if (!env[name]) {
    console.error(`${name} must be set`)
    process.exit(2)
  }
  return env[name]
}

function configure() {
  const dataDir = required('PDS_DATA_DIRECTORY')
  required('PDS_PORT')
  env.PDS_HOSTNAME ??= 'localhost' // publicUrl http://localhost:<port>, handles end in .test
  env.PDS_DEV_MODE ??= 'true'
  env.PDS_INVITE_REQUIRED ??= 'false'
  env.PDS_CRAWLERS ??= '' // no relay to tell about new posts
  env.PDS_BLOBSTORE_DISK_LOCATION ??= path.join(dataDir, 'blobs')
  env.PDS_JWT_SECRET ??= crypto.randomBytes(16).toString('hex')
  env.PDS_ADMIN_PASSWORD ??= crypto.randomBytes(16).toString('hex')
  // any 32 random bytes are a valid secp256k1 private key (with overwhelming probability)
  env.PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX ??= crypto.randomBytes(32).toString('hex')
  env.LOG_ENABLED ??= 'true'
  env.LOG_DESTINATION ??= path.join(dataDir, 'pds.log')
  fs.mkdirSync(env.PDS_BLOBSTORE_DISK_LOCATION, { recursive: true })
}

// Express's app.listen(port) binds every interface; keep both servers on loopback. Wrapped rather
// than replaced because xrpc-server hooks app.listen for its websockets.
function loopbackOnly(app) {
  const listen = app.listen.bind(app)
  app.listen = (port, ...rest) => listen(port, HOST, ...rest)
}

async function startPlc() {
  const { Database, PlcServer } = require('@did-plc/server')
  const plc = PlcServer.create({ db: Database.mock(), port: 0 })
  loopbackOnly(plc.app)
  const server = await plc.start()
  env.PDS_DID_PLC_URL = `http://${HOST}:${server.address().port}`
  return plc
}

async function main() {
  configure()
  const plc = await startPlc()
  const lib = require('@atproto/pds') // 0.4.x is CommonJS (0.5.x is ESM and needs Node 22)
  const pdsEnv = lib.readEnv()
  const pds = await lib.PDS.create(lib.envToCfg(pdsEnv), lib.envToSecrets(pdsEnv))
  loopbackOnly(pds.app)
  await pds.start()

  let stopping = false
  const stop = async (why) => {
    if (stopping) return
    stopping = true
    console.log(JSON.stringify({ stopping: why }))
    await pds.destroy().catch((e) => console.error(e))
    await plc.destroy().catch((e) => console.error(e))
    process.exit(0)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  if (env.EXIT_ON_STDIN_EOF === '1') {
    process.stdin.on('end', () => stop('stdin closed')).resume()
  }
  console.log(JSON.stringify({
    ready: true, pid: process.pid, url: `http://${HOST}:${pds.server.address().port}`,
    plc: env.PDS_DID_PLC_URL, version: require('@atproto/pds/package.json').version, node: process.version,
  }))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
